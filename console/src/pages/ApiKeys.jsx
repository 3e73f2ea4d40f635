import { useState } from 'preact/hooks';
import { api, enc } from '../api.js';
import { useAccount } from '../context.js';
import { ErrorNote, Loading, Notice, PageTitle, formatTime, useLoad, useReady } from '../components/common.jsx';

/** Your own API keys, personal or labelled with one of your teams: create (the secret is shown once), list, delete. */
export function ApiKeys() {
  const teams = useAccount()?.teams || [];
  const keys = useLoad((signal) => api.get('/v1/api_keys', { signal }), []);
  const [name, setName] = useState('');
  const [teamId, setTeamId] = useState('');
  const [created, setCreated] = useState(null);
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState(null);
  useReady('api-keys', !keys.loading);

  const create = async (event) => {
    event.preventDefault();
    setError(null);
    try {
      const path = teamId ? `/v1/teams/${enc(teamId)}/api_keys` : '/v1/api_keys';
      setCreated(await api.post(path, { name: name.trim(), type: 'PERSONAL' }));
      setName('');
      keys.reload();
    } catch (e) {
      setError(e);
    }
  };
  const remove = async (key) => {
    setError(null);
    try {
      await api.delete(`/v1/api_keys/${enc(key.prefix)}`);
      setNotice(`Key “${key.name || key.prefix}” deleted: it no longer works anywhere.`);
      if (created?.prefix === key.prefix) setCreated(null);
      keys.reload();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section>
      <PageTitle>API keys</PageTitle>
      <p class="lead">
        A key acts as you, with your <strong>current</strong> permissions: when your access to an environment is granted,
        revoked or expires, or your role changes, your keys change with it. Deleting a key stops it at once.
        A team key is yours too: it is labelled with the team and never acts as the team.
      </p>
      <form class="panel" onSubmit={create} aria-label="Create API key">
        <label for="key-name">Name of the new key</label>
        <input id="key-name" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        <label for="key-team">Team label</label>
        <select id="key-team" value={teamId} onChange={(e) => setTeamId(e.currentTarget.value)}>
          <option value="">None (personal key)</option>
          {teams.map((t) => <option value={t.id} key={t.id}>{t.name}</option>)}
        </select>
        <button type="submit">Create API key</button>
      </form>
      {created && (
        <div class="panel secret" role="status">
          <p>Your new key “{created.name}”. Copy it now: it is shown only once.</p>
          <label for="new-key">API key</label>
          <input id="new-key" readOnly value={created.api_key} onFocus={(e) => e.currentTarget.select()} />
        </div>
      )}
      <Notice>{notice}</Notice>
      <ErrorNote error={error || keys.error} action="The API key operation" />
      {keys.loading && !keys.data && <Loading what="your API keys" />}
      {keys.data && (keys.data.keys.length === 0 ? <p class="muted">You have no API keys.</p> : (
        <table class="list" data-testid="api-keys">
          <thead><tr><th scope="col">Name</th><th scope="col">Prefix</th><th scope="col">Team</th><th scope="col">Created</th><th scope="col"><span class="visually-hidden">Delete</span></th></tr></thead>
          <tbody>
            {keys.data.keys.map((k) => (
              <tr key={k.prefix}>
                <th scope="row">{k.name || <span class="muted">no name</span>}</th>
                <td><code>{k.prefix}</code></td>
                <td>{k.team_name || <span class="muted">personal</span>}</td>
                <td>{formatTime(k.created_at)}</td>
                <td><button type="button" class="secondary" onClick={() => remove(k)} aria-label={`Delete key ${k.name || k.prefix}`}>Delete</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </section>
  );
}
