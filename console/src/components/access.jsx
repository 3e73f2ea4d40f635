import { Lock, formatTime } from './common.jsx';

const VIA = { ORG_ADMIN: 'org admin', TEAM_ADMIN: 'team admin', GRANT: 'granted' };

/** Who has access to a restricted group: admins implicit and locked, grants with their end if any. */
export function AccessList({ users }) {
  if (!users?.length) return <span class="muted">Everyone in the team</span>;
  return (
    <ul class="people">
      {users.map((u) => (
        <li key={u.user_id}>
          {u.name || u.email}{' '}
          {u.via === 'GRANT' ? (
            <span class="badge via">granted{u.expires_at ? ` until ${formatTime(u.expires_at)}` : ''}</span>
          ) : (
            <span class="badge implicit" title="Admins have access implicitly; it cannot be removed here">
              <Lock /> implicit · via {VIA[u.via] || u.via}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The names of who can grant access: the implicit admins of a group. */
export function grantorsOf(group) {
  return (group?.manage_access?.users || []).filter((u) => u.via !== 'GRANT').map((u) => u.name || u.email);
}
