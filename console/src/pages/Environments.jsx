import { useState } from 'preact/hooks';
import { api, enc, groupsPath } from '../api.js';
import { canManageTeam, useAccount } from '../context.js';
import { AccessList } from '../components/access.jsx';
import { ErrorNote, Loading, Notice, PageTitle, RestrictedBadge, useLoad, useReady } from '../components/common.jsx';
import { TeamPicker } from '../components/TeamPicker.jsx';
import { CreateEnvironmentForm } from '../components/CreateEnvironmentForm.jsx';
import { Link, navigate } from '../router.jsx';

/** Settings → Environments: the environment groups of the organisation's default team, or of a chosen team. */
export function Environments({ teamId }) {
  const account = useAccount();
  // Without a team in the address: the organisation's default team, which the top-level path serves.
  const team = teamId || account?.organization.default_team_id;
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState(null);
  const groups = useLoad((signal) => api.get(`${groupsPath(teamId)}?limit=100`, { signal }), [teamId]);
  useReady('environments', !groups.loading && !!account);

  return (
    <section>
      <PageTitle>Environments</PageTitle>
      <p class="lead">
        Restricting an environment restricts it on every model and chain of the team: only the users listed may promote
        into it or change its settings. Everyone keeps read access, logs, metrics and inference.
      </p>
      <div class="toolbar">
        {account && <TeamPicker teamId={team} onChange={(id) => navigate(`/settings/environments?team=${enc(id)}`)} />}
        <button type="button" onClick={() => setCreating(true)} aria-expanded={creating ? 'true' : 'false'}>
          Create environment
        </button>
      </div>
      <Notice>{notice}</Notice>
      {creating && (
        <CreateEnvironmentForm teamId={teamId} canRestrict={canManageTeam(account, team)}
          onCancel={() => setCreating(false)}
          onCreated={(group) => {
            setCreating(false);
            setNotice(`Environment “${group.name}” created.`);
            groups.reload();
          }} />
      )}
      <ErrorNote error={groups.error} action="Loading the environments" />
      {groups.loading && !groups.data && <Loading what="environments" />}
      {groups.data && (
        <table class="list" data-testid="environment-groups">
          <caption class="visually-hidden">Environment groups of the team</caption>
          <thead>
            <tr><th scope="col">Environment</th><th scope="col">Access</th><th scope="col">Who has access</th></tr>
          </thead>
          <tbody>
            {groups.data.items.map((g) => (
              <tr key={g.name} data-environment={g.name}>
                <th scope="row">
                  <Link href={`/settings/environments/${enc(g.name)}${teamId ? `?team=${enc(teamId)}` : ''}`}>{g.name}</Link>
                </th>
                <td><RestrictedBadge restricted={g.manage_access.is_restricted} /></td>
                <td><AccessList users={g.manage_access.users} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
