import { useEffect, useErrorBoundary, useState } from 'preact/hooks';
import { api } from './api.js';
import { loadConfig, onSessionChange, session, signOut } from './auth.js';
import { Account } from './context.js';
import { ErrorNote, Loading } from './components/common.jsx';
import { Link, match, navigate, useLocation } from './router.jsx';
import { SignIn, SignInCallback, CreateOrganization } from './pages/SignIn.jsx';
import { Environments } from './pages/Environments.jsx';
import { EnvironmentGroup } from './pages/EnvironmentGroup.jsx';
import { Workloads } from './pages/Workloads.jsx';
import { Workload } from './pages/Workload.jsx';
import { AuditLog } from './pages/AuditLog.jsx';
import { ApiKeys } from './pages/ApiKeys.jsx';

export function App() {
  const { path, query } = useLocation();
  const [config, setConfig] = useState(null);
  const [current, setCurrent] = useState(session());
  useEffect(() => {
    loadConfig().then(setConfig);
    return onSessionChange(setCurrent);
  }, []);

  // Signed in, the pages need no configuration: they start loading at once.
  if (current && path !== '/signin-callback') {
    return <SignedIn key={current.token} session={current} path={path} query={query} />;
  }
  if (!config) return <Loading what="the console" />;
  if (path === '/signin-callback') return <SignInCallback />;
  return <SignIn config={config} />;
}

/** Who the caller is in their organisation; without one, the page to create it. */
async function loadAccount(session) {
  const [organization, teams, me] = await Promise.all([
    api.get('/v1/organization'),
    api.get('/v1/teams'),
    api.get('/v1/users/me'),
  ]);
  return { session, organization, me, teams: teams.teams };
}

function SignedIn({ session, path, query }) {
  const [account, setAccount] = useState(null);
  const [error, setError] = useState(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    loadAccount(session).then(setAccount, setError);
  }, [session.token, tick]);

  useEffect(() => {
    // After signing in, or at the root, the first page is the list of models and chains.
    if (path === '/' || path === '/signin') navigate('/models', { replace: true });
  }, [path]);

  useEffect(() => {
    // Land keyboard and screen-reader users on the new page's heading.
    const title = document.getElementById('page-title');
    if (title && document.activeElement === document.body) title.focus({ preventScroll: true });
  }, [path]);

  if (error?.status === 404) {
    return <CreateOrganization session={session} onCreated={() => { setError(null); setTick((t) => t + 1); }} />;
  }
  if (error) {
    return (
      <main id="main" class="page">
        <ErrorNote error={error} action="Loading your organisation" />
        <button type="button" onClick={() => signOut()}>Sign out</button>
      </main>
    );
  }
  // The page is rendered at once and loads its data beside the account; what needs the account waits for it.
  return (
    <Account.Provider value={account}>
      <a class="skip" href="#main">Skip to content</a>
      <header class="top">
        <span class="brand">Envguard</span>
        <nav aria-label="Main">
          <NavLink href="/models" path={path} also={['/chains']}>Models and chains</NavLink>
          <NavLink href="/settings/environments" path={path}>Settings → Environments</NavLink>
          {account?.me?.role === 'ADMIN' && <NavLink href="/audit-logs" path={path}>Audit log</NavLink>}
          <NavLink href="/api-keys" path={path}>API keys</NavLink>
        </nav>
        <div class="who">
          <span>
            {session.name || session.email}
            {account && (
              <>
                {' '}· {account.organization.name} ·{' '}
                <span class="role">{account.me?.role === 'ADMIN' ? 'Admin' : 'Member'}</span>
              </>
            )}
          </span>
          <button type="button" class="secondary" onClick={() => signOut()}>Sign out</button>
        </div>
      </header>
      <main id="main" class="page" tabIndex={-1}>
        <PageGuard key={path}>
          <Page path={path} query={query} />
        </PageGuard>
      </main>
    </Account.Provider>
  );
}

/** A fault in a page's own code is shown in words too, never as a blank page. */
function PageGuard({ children }) {
  const [error, reset] = useErrorBoundary();
  if (error) {
    return (
      <div class="error" role="alert">
        <p>This page failed to show ({error.message}). Nothing was changed by it. Reload the page to try again.</p>
        <button type="button" class="link" onClick={reset}>Try again</button>
      </div>
    );
  }
  return children;
}

function NavLink({ href, path, also = [], children }) {
  const active = [href, ...also].some((p) => path === p || path.startsWith(`${p}/`));
  return (
    <Link href={href} aria-current={active ? 'page' : undefined}>
      {children}
    </Link>
  );
}

function Page({ path, query }) {
  let params;
  if (['/', '/signin', '/models', '/chains'].includes(path)) return <Workloads />;
  if ((params = match('/models/:id', path))) return <Workload kind="models" id={params.id} />;
  if ((params = match('/chains/:id', path))) return <Workload kind="chains" id={params.id} />;
  if (path === '/settings/environments') return <Environments teamId={query.get('team')} />;
  if ((params = match('/settings/environments/:name', path))) {
    return <EnvironmentGroup name={params.name} teamId={query.get('team')} />;
  }
  if (path === '/audit-logs') return <AuditLog />;
  if (path === '/api-keys') return <ApiKeys />;
  return (
    <section>
      <h1>Not found</h1>
      <p>There is no page at {path}. <Link href="/models">Go to models and chains</Link>.</p>
    </section>
  );
}
