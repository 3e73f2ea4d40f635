import { api, enc } from '../api.js';
import { useAccount } from '../context.js';
import { ErrorNote, Loading, PageTitle, formatTime, useLoad, useReady } from '../components/common.jsx';
import { Link } from '../router.jsx';

/** Models and chains the caller can see (those of their teams). */
export function Workloads() {
  const account = useAccount();
  const lists = useLoad(async (signal) => {
    const [models, chains] = await Promise.all([
      api.get('/v1/models', { signal }),
      api.get('/v1/chains', { signal }),
    ]);
    return { models: models.models, chains: chains.chains };
  }, []);
  useReady('workloads', !lists.loading && !!account);
  const teamName = (id) => account?.teams.find((t) => t.id === id)?.name || '…';

  return (
    <section>
      <PageTitle>Models and chains</PageTitle>
      <ErrorNote error={lists.error} action="Loading models and chains" />
      {lists.loading && !lists.data && <Loading what="models and chains" />}
      {lists.data && (
        <>
          <WorkloadTable title="Models" kind="models" items={lists.data.models} teamName={teamName} />
          <WorkloadTable title="Chains" kind="chains" items={lists.data.chains} teamName={teamName} />
        </>
      )}
    </section>
  );
}

function WorkloadTable({ title, kind, items, teamName }) {
  return (
    <section aria-labelledby={`${kind}-title`}>
      <h2 id={`${kind}-title`}>{title}</h2>
      {items.length === 0 ? (
        <p class="muted">None yet. {title} are pushed with the API (POST /v1/{kind}).</p>
      ) : (
        <table class="list" data-testid={kind}>
          <thead><tr><th scope="col">Name</th><th scope="col">Team</th><th scope="col">Created</th></tr></thead>
          <tbody>
            {items.map((w) => (
              <tr key={w.id}>
                <th scope="row"><Link href={`/${kind}/${enc(w.id)}`}>{w.name}</Link></th>
                <td>{teamName(w.team_id)}</td>
                <td>{formatTime(w.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
