import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { useAccount } from '../context.js';
import { ErrorNote, Loading, PageTitle, formatTime, useLoad, useReady } from '../components/common.jsx';
import { reasonText } from '../errors.js';

const EMPTY = { environment: '', user_id: '', outcome: '', since: '', until: '' };

function query(filters, cursor) {
  const params = new URLSearchParams({ limit: '50' });
  if (filters.environment) params.set('environment', filters.environment);
  if (filters.user_id) params.set('user_id', filters.user_id);
  if (filters.since) params.set('since', new Date(filters.since).toISOString());
  if (filters.until) params.set('until', new Date(filters.until).toISOString());
  if (cursor) params.set('cursor', cursor);
  return `/v1/audit_logs?${params}`;
}

/**
 * Audit log (org admins): every guarded change, allowed or refused. Environment, user and time are filtered by the
 * API; the outcome is filtered on the page, as the API has no outcome filter.
 */
export function AuditLog() {
  const account = useAccount();
  const [draft, setDraft] = useState(EMPTY);
  const [filters, setFilters] = useState(EMPTY);
  const [more, setMore] = useState({ items: [], cursor: null, error: null });
  const members = useLoad((signal) => api.get('/v1/members?query=', { signal }), []);
  const page = useLoad(async (signal) => {
    setMore({ items: [], cursor: null, error: null });
    return api.get(query(filters), { signal });
  }, [JSON.stringify(filters)]);
  useReady('audit-logs', !page.loading && !members.loading && !!account);

  if (!account) return <Loading what="the audit log" />;
  if (account.me?.role !== 'ADMIN') {
    return (
      <section>
        <PageTitle>Audit log</PageTitle>
        <p>Only organisation admins can read the audit log.</p>
      </section>
    );
  }
  const items = [...(page.data?.items || []), ...more.items];
  const shown = filters.outcome ? items.filter((e) => e.outcome === filters.outcome) : items;
  const cursor = more.cursor || (more.items.length === 0 && page.data?.pagination?.has_more ? page.data.pagination.cursor : null);
  const loadMore = async () => {
    try {
      const next = await api.get(query(filters, cursor));
      setMore({ items: [...more.items, ...next.items], cursor: next.pagination.has_more ? next.pagination.cursor : null, error: null });
    } catch (e) {
      setMore({ ...more, error: e });
    }
  };
  const set = (field) => (e) => setDraft({ ...draft, [field]: e.currentTarget.value });

  return (
    <section>
      <PageTitle>Audit log</PageTitle>
      <form class="filters" onSubmit={(e) => { e.preventDefault(); setFilters(draft); }} aria-label="Filters">
        <label>Environment<input value={draft.environment} onInput={set('environment')} placeholder="any" /></label>
        <label>
          User
          <select value={draft.user_id} onChange={set('user_id')}>
            <option value="">anyone</option>
            {(members.data?.items || []).map((m) => <option key={m.user_id} value={m.user_id}>{m.name} ({m.email})</option>)}
          </select>
        </label>
        <label>
          Outcome
          <select value={draft.outcome} onChange={set('outcome')}>
            <option value="">allowed and denied</option>
            <option value="ALLOWED">allowed</option>
            <option value="DENIED">denied</option>
          </select>
        </label>
        <label>Since<input type="datetime-local" value={draft.since} onInput={set('since')} /></label>
        <label>Until<input type="datetime-local" value={draft.until} onInput={set('until')} /></label>
        <button type="submit">Apply filters</button>
      </form>
      <ErrorNote error={page.error || members.error} action="Loading the audit log" />
      {page.loading && !page.data && <Loading what="the audit log" />}
      {page.data && (
        <table class="list" data-testid="audit-log">
          <thead>
            <tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Environment</th><th scope="col">Outcome</th><th scope="col">Reason</th><th scope="col">Credential</th></tr>
          </thead>
          <tbody>
            {shown.map((e) => (
              <tr key={e.id} class={e.outcome === 'DENIED' ? 'denied' : ''}>
                <td>{formatTime(e.created)}</td>
                <td>{e.actor?.email}</td>
                <td>{e.action}</td>
                <td>{e.environment}</td>
                <td><span class={`badge ${e.outcome === 'DENIED' ? 'restricted' : 'unrestricted'}`}>{e.outcome === 'DENIED' ? 'denied' : 'allowed'}</span></td>
                <td>{e.outcome === 'DENIED' ? reasonText(e.reason, e.environment) : e.reason}</td>
                <td>{e.actor?.credential === 'API_KEY' ? `API key ${e.actor.api_key_prefix}` : e.actor?.credential}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page.data && shown.length === 0 && <p class="muted">No entries match.</p>}
      {cursor && <button type="button" onClick={loadMore}>Load more</button>}
      <ErrorNote error={more.error} action="Loading more entries" />
    </section>
  );
}

