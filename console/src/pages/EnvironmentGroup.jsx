import { useEffect, useState } from 'preact/hooks';
import { api, enc, groupsPath, revisionOf } from '../api.js';
import { canManageTeam, useAccount } from '../context.js';
import { AccessLevel } from '../components/AccessLevel.jsx';
import { AccessList } from '../components/access.jsx';
import { ErrorNote, Loading, Notice, PageTitle, RestrictedBadge, formatTime, useLoad, useReady } from '../components/common.jsx';
import { MemberSearch } from '../components/MemberSearch.jsx';
import { Link } from '../router.jsx';

/** One environment group: edit its access, its history, and who had access at a chosen instant. */
export function EnvironmentGroup({ name, teamId }) {
  const account = useAccount();
  const path = `${groupsPath(teamId)}/${enc(name)}`;
  const group = useLoad((signal) => api.getWithEtag(path, { signal }), [path]);
  const [notice, setNotice] = useState(null);
  useReady('environment-group', !group.loading && !!account);
  const team = teamId || account?.organization.default_team_id;
  const teamName = account?.teams.find((t) => t.id === team)?.name;

  return (
    <section>
      <p class="crumbs">
        <Link href={`/settings/environments${teamId ? `?team=${enc(teamId)}` : ''}`}>Environments</Link> › {teamName}
      </p>
      <PageTitle>Environment “{name}”</PageTitle>
      <ErrorNote error={group.error} action="Loading the environment" />
      {group.loading && !group.data && <Loading what="the environment" />}
      <Notice>{notice}</Notice>
      {group.data && (
        <EditAccess key={group.data.etag} group={group.data.body} revision={revisionOf(group.data.etag)} path={path}
          canManage={canManageTeam(account, team)}
          onEdit={() => setNotice(null)}
          onSaved={() => {
            setNotice('Changes saved.');
            group.reload();
          }} />
      )}
      {group.data && <History path={path} revision={revisionOf(group.data.etag)} />}
      {group.data && <AccessAt path={path} />}
    </section>
  );
}

function toLocalInput(instant) {
  if (!instant) return '';
  const d = new Date(instant);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function EditAccess({ group, revision, path, canManage, onEdit, onSaved }) {
  const admins = group.manage_access.users.filter((u) => u.via !== 'GRANT');
  const initialGrants = group.manage_access.users.filter((u) => u.via === 'GRANT');
  const [restricted, setRestricted] = useState(group.manage_access.is_restricted);
  const [grants, setGrants] = useState(initialGrants.map((u) => ({ ...u, expiry: toLocalInput(u.expires_at) })));
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  const save = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    onEdit();
    try {
      // One PATCH replaces the list, guarded by the revision this form was loaded at: a change made meanwhile by
      // someone else is a 412, shown as a conflict, never overwritten.
      await api.patch(path, {
        manage_access: { is_restricted: restricted, user_ids: restricted ? grants.map((g) => g.user_id) : [] },
      }, { ifMatch: revision });
      if (restricted) {
        for (const g of grants) {
          const before = initialGrants.find((u) => u.user_id === g.user_id);
          const expiresAt = g.expiry ? new Date(g.expiry).toISOString() : null;
          const changed = before ? toLocalInput(before.expires_at) !== g.expiry : !!expiresAt;
          if (changed) await api.put(`${path}/grants/${enc(g.user_id)}`, expiresAt ? { expires_at: expiresAt } : {});
        }
      }
      onSaved();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <form class="panel" onSubmit={save} aria-label="Access">
      <h2>Access <RestrictedBadge restricted={group.manage_access.is_restricted} /></h2>
      <p class="muted small">Revision {revision}</p>
      <AccessLevel name="group-access" restricted={restricted} canRestrict={canManage} onChange={setRestricted} />
      {restricted && (
        <>
          <h3>Who has access</h3>
          <AccessList users={admins} />
          <ul class="people editable" aria-label="Granted users">
            {grants.map((g) => (
              <li key={g.user_id} data-user={g.email}>
                <span>{g.name || g.email} <span class="muted">{g.email}</span></span>
                <label class="small">
                  Access ends (optional)
                  <input type="datetime-local" value={g.expiry} disabled={!canManage}
                    onInput={(e) => setGrants(grants.map((x) => (x === g ? { ...g, expiry: e.currentTarget.value } : x)))} />
                </label>
                {canManage && (
                  <button type="button" class="link" aria-label={`Remove ${g.name || g.email}`}
                    onClick={() => setGrants(grants.filter((x) => x !== g))}>Remove</button>
                )}
              </li>
            ))}
          </ul>
          {canManage && (
            <MemberSearch label="Add users by name or email"
              exclude={[...grants, ...admins].map((u) => u.user_id)}
              onPick={(m) => setGrants([...grants, { ...m, via: 'GRANT', expiry: '' }])} />
          )}
        </>
      )}
      {canManage ? (
        <div class="actions"><button type="submit" disabled={busy}>Save changes</button></div>
      ) : (
        <p class="why">Only organisation admins and this team's admins can change who has access.</p>
      )}
      <ErrorNote error={error} action="Saving the changes" />
    </form>
  );
}

const EVENT_WORDS = {
  EnvironmentGroupCreated: 'created',
  EnvironmentGroupRestricted: 'restricted',
  EnvironmentGroupUnrestricted: 'unrestricted',
  AccessGranted: 'access granted',
  AccessRevoked: 'access revoked',
  GrantExpired: 'grant expired',
};

function History({ path, revision }) {
  const history = useLoad((signal) => api.get(`${path}/history`, { signal }), [path, revision]);
  return (
    <section class="panel" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <ErrorNote error={history.error} action="Loading the history" />
      {history.data && (
        <table class="list" data-testid="history">
          <thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">By</th><th scope="col">Details</th></tr></thead>
          <tbody>
            {history.data.items.map((item) => {
              const { revision: r, type, at, actor, ...details } = item;
              return (
                <tr key={r}>
                  <td>{formatTime(at)}</td>
                  <td>{EVENT_WORDS[type] || type}</td>
                  <td>{actor?.name || actor?.email || 'the platform'}</td>
                  <td class="small">{detailText(details)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function detailText(details) {
  return Object.entries(details)
    .filter(([key, value]) => value !== null && !['team_id', 'environment', 'name'].includes(key))
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : value}`)
    .join(', ');
}

function AccessAt({ path }) {
  const [at, setAt] = useState(() => toLocalInput(new Date().toISOString()));
  const [answer, setAnswer] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => setAnswer(null), [path]);
  const ask = async (event) => {
    event.preventDefault();
    setError(null);
    try {
      setAnswer(await api.get(`${path}/access?at=${enc(new Date(at).toISOString())}`));
    } catch (e) {
      setError(e);
      setAnswer(null);
    }
  };
  return (
    <form class="panel" onSubmit={ask} aria-labelledby="access-at-title">
      <h2 id="access-at-title">Who had access at…</h2>
      <label for="access-at">Instant</label>
      <input id="access-at" type="datetime-local" step="1" required value={at} onInput={(e) => setAt(e.currentTarget.value)} />
      <button type="submit">Show access</button>
      <ErrorNote error={error} action="Asking who had access" />
      {answer && (
        <div data-testid="access-at-answer" role="status">
          <p>
            At {formatTime(answer.at)} (revision {answer.revision}):{' '}
            <RestrictedBadge restricted={answer.manage_access.is_restricted} />
          </p>
          <AccessList users={answer.manage_access.users} />
        </div>
      )}
    </form>
  );
}
