// Who is signed in, and with which credential.
//
// The credential lives in sessionStorage: it survives a reload of the tab (a person reloading a page stays signed in)
// but not the closing of the tab, it is not shared with other tabs or other sites, and it never appears in a URL.
// localStorage would keep a bearer token on disk across browser restarts, readable by any script of this origin for
// as long as the token lives; memory alone would sign the person out on every reload. Scripts of this origin are
// limited to the console's own files by the gateway's Content-Security-Policy (script-src 'self'), which is what
// keeps the token from other scripts.

const KEY = 'envguard.session';
const listeners = new Set();
let config = null;
let oidc = null;

export async function loadConfig() {
  if (config) return config;
  try {
    const response = await fetch('/console-config.json', { headers: { Accept: 'application/json' } });
    config = response.ok ? await response.json() : { auth: 'local' };
  } catch {
    config = { auth: 'local' };
  }
  if (config.auth === 'oidc') {
    // Loaded only where it is used, so that the local profile's pages do not carry it.
    const { UserManager, WebStorageStateStore } = await import('oidc-client-ts');
    oidc = new UserManager({
      authority: config.authority,
      client_id: config.client_id,
      redirect_uri: `${location.origin}/signin-callback`,
      post_logout_redirect_uri: `${location.origin}/signin`,
      response_type: 'code', // authorization code with PKCE: oidc-client-ts makes and checks the verifier
      scope: config.scope || 'openid email profile',
      userStore: new WebStorageStateStore({ store: sessionStorage }),
      stateStore: new WebStorageStateStore({ store: sessionStorage }),
      automaticSilentRenew: false,
    });
  }
  return config;
}

export function session() {
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    if (stored && stored.expiresAt && Date.parse(stored.expiresAt) <= Date.now()) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return stored;
  } catch {
    return null;
  }
}

export function currentToken() {
  return session()?.token || null;
}

export function onSessionChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function store(value) {
  if (value) sessionStorage.setItem(KEY, JSON.stringify(value));
  else sessionStorage.removeItem(KEY);
  listeners.forEach((l) => l(value));
}

/** The local token issuer (local profile only): a token for the email and name given. */
export async function signInLocally(email, name) {
  const response = await fetch('/v1/auth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ email, name }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(body.message || `HTTP ${response.status}`);
    error.status = response.status;
    error.body = body;
    throw error;
  }
  store({ token: body.token, expiresAt: body.expires_at, email, name });
}

/** The identity provider's sign-in page; it comes back to /signin-callback. */
export function signInWithProvider() {
  return oidc.signinRedirect();
}

export async function completeProviderSignIn() {
  const user = await oidc.signinRedirectCallback();
  const token = config.token === 'id_token' ? user.id_token : user.access_token;
  store({
    token,
    expiresAt: user.expires_at ? new Date(user.expires_at * 1000).toISOString() : null,
    email: user.profile.email,
    name: user.profile.name,
  });
}

export async function signOut({ expired = false } = {}) {
  store(null);
  if (oidc && !expired) {
    await oidc.removeUser();
  }
  if (expired) sessionStorage.setItem('envguard.expired', '1');
}
