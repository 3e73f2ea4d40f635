import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { completeProviderSignIn, signInLocally, signInWithProvider, signOut } from '../auth.js';
import { ErrorNote, Loading, PageTitle, useReady } from '../components/common.jsx';
import { describeError } from '../errors.js';
import { navigate } from '../router.jsx';

export function SignIn({ config }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const expired = sessionStorage.getItem('envguard.expired');
  useReady('signin', true);

  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      sessionStorage.removeItem('envguard.expired');
      if (config.auth === 'oidc') await signInWithProvider();
      else await signInLocally(email.trim(), name.trim());
    } catch (e) {
      setError(e.status ? describeError(e, 'Signing in') : `Signing in failed: ${e.message}`);
      setBusy(false);
    }
  };

  return (
    <main id="main" class="signin">
      <PageTitle>Sign in to Envguard</PageTitle>
      {expired && <p class="notice" role="status">Your session ended. Please sign in again.</p>}
      <form onSubmit={submit}>
        {config.auth === 'oidc' ? (
          <p>You will be sent to your organisation's identity provider and brought back here.</p>
        ) : (
          <>
            <p class="hint">Local platform: the local token issuer signs a token for the email and name you give.</p>
            <label for="signin-email">Email</label>
            <input id="signin-email" type="email" autocomplete="email" required value={email}
              onInput={(e) => setEmail(e.currentTarget.value)} />
            <label for="signin-name">Name</label>
            <input id="signin-name" type="text" autocomplete="name" required value={name}
              onInput={(e) => setName(e.currentTarget.value)} />
          </>
        )}
        <button type="submit" disabled={busy}>{config.auth === 'oidc' ? 'Sign in with your identity provider' : 'Sign in'}</button>
      </form>
      <ErrorNote error={error} />
    </main>
  );
}

export function SignInCallback() {
  const [error, setError] = useState(null);
  useEffect(() => {
    // The authorization code is in this URL only until it is exchanged; then the URL is replaced.
    completeProviderSignIn().then(() => navigate('/models', { replace: true }), (e) => setError(e.message));
  }, []);
  if (error) {
    return (
      <main id="main" class="signin">
        <ErrorNote error={`Signing in with the identity provider failed: ${error}`} />
        <a href="/signin">Try again</a>
      </main>
    );
  }
  return <Loading what="your sign-in" />;
}

export function CreateOrganization({ session, onCreated }) {
  const [name, setName] = useState('');
  const [error, setError] = useState(null);
  useReady('create-organization', true);
  const submit = async (event) => {
    event.preventDefault();
    try {
      await api.post('/v1/organizations', { name: name.trim() });
      onCreated();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <main id="main" class="signin">
      <PageTitle>Welcome, {session.name || session.email}</PageTitle>
      <p>You do not belong to an organisation yet. Ask an admin to add you, or create one and become its first admin.</p>
      <form onSubmit={submit}>
        <label for="org-name">Organisation name</label>
        <input id="org-name" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        <button type="submit">Create organisation</button>
      </form>
      <ErrorNote error={error} action="Creating the organisation" />
      <button type="button" class="secondary" onClick={() => signOut()}>Sign out</button>
    </main>
  );
}
