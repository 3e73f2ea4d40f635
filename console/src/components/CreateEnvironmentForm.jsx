import { useState } from 'preact/hooks';
import { api, groupsPath } from '../api.js';
import { AccessLevel } from './AccessLevel.jsx';
import { ErrorNote } from './common.jsx';
import { MemberSearch } from './MemberSearch.jsx';

/** Create environment: a name, its access level and, when restricted, the users who get access. */
export function CreateEnvironmentForm({ teamId, canRestrict, initialName = '', onCreated, onCancel, submitLabel }) {
  const [name, setName] = useState(initialName);
  const [restricted, setRestricted] = useState(false);
  const [users, setUsers] = useState([]);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const group = await api.post(groupsPath(teamId), {
        name: name.trim(),
        manage_access: { is_restricted: restricted, user_ids: restricted ? users.map((u) => u.user_id) : [] },
      });
      onCreated(group);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <form class="panel" onSubmit={submit} aria-label="Create environment">
      <h2>Create environment</h2>
      <label for="new-environment-name">Name</label>
      <input id="new-environment-name" required pattern="[a-z0-9][a-z0-9_\-]{0,63}" value={name}
        aria-describedby="new-environment-name-hint" onInput={(e) => setName(e.currentTarget.value)} />
      <p id="new-environment-name-hint" class="hint">Lower-case letters, digits, “-” and “_”, starting with a letter or digit.</p>
      <AccessLevel name="new-environment-access" restricted={restricted} canRestrict={canRestrict} onChange={setRestricted} />
      {restricted && (
        <div class="grants">
          <MemberSearch label="Add users by name or email" exclude={users.map((u) => u.user_id)}
            onPick={(m) => setUsers([...users, m])} />
          <ul class="people" aria-label="Users to grant access">
            {users.map((u) => (
              <li key={u.user_id}>
                {u.name} <span class="muted">{u.email}</span>{' '}
                <button type="button" class="link" onClick={() => setUsers(users.filter((x) => x !== u))}
                  aria-label={`Remove ${u.name}`}>Remove</button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div class="actions">
        <button type="submit" disabled={busy}>{submitLabel || 'Create environment'}</button>
        {onCancel && <button type="button" class="secondary" onClick={onCancel}>Cancel</button>}
      </div>
      <ErrorNote error={error} action="Creating the environment" />
    </form>
  );
}
