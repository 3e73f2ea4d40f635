// The only way the console talks to Envguard: the public /v1 API, same origin, with the signed-in user's credential.
import { currentToken, signOut } from './auth.js';

/** An answer of the API that is not a success, with the contract's error body ({code, message, ...}). */
export class ApiError extends Error {
  constructor(status, body, headers) {
    super(body?.message || `HTTP ${status}`);
    this.status = status;
    this.code = body?.code;
    this.body = body || {};
    this.retryAfter = headers?.get('retry-after');
  }
}

/** How often a read is asked again after a refusal for load, before the refusal is shown. */
const READ_RETRIES = 2;

/**
 * A read (GET, or the permission dry run) refused for load — 429, or 503 when the decision could not be made in time —
 * is asked again after a short pause: it changes nothing, so asking again is safe. A change is never repeated by the
 * console: its refusal is shown, and the person decides.
 */
async function request(method, path, options = {}) {
  const safe = method === 'GET' || options.idempotent;
  for (let attempt = 0; ; attempt++) {
    try {
      return await send(method, path, options);
    } catch (e) {
      const transient = e.status === 429 || (e.status === 503 && e.body?.revision == null);
      if (!safe || !transient || attempt >= READ_RETRIES || options.signal?.aborted) throw e;
      const pause = e.retryAfter ? Number(e.retryAfter) * 1000 : 150 * (attempt + 1);
      await new Promise((resolve) => setTimeout(resolve, Math.min(pause, 1000)));
    }
  }
}

async function send(method, path, { body, ifMatch, signal } = {}) {
  const headers = { Accept: 'application/json' };
  const token = currentToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (ifMatch !== undefined && ifMatch !== null) headers['If-Match'] = `"${ifMatch}"`;
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, { code: 'NETWORK', message: 'The Envguard gateway could not be reached.' });
  }
  const text = await response.text();
  let parsed = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = { message: text.slice(0, 200) };
    }
  }
  if (!response.ok) {
    const error = new ApiError(response.status, parsed, response.headers);
    // An expired or revoked credential: back to the sign-in page rather than a page of errors.
    if (response.status === 401 && token) signOut({ expired: true });
    throw error;
  }
  return { body: parsed, etag: response.headers.get('etag') };
}

export const api = {
  get: async (path, options) => (await request('GET', path, options)).body,
  getWithEtag: (path, options) => request('GET', path, options),
  post: async (path, body, options) => (await request('POST', path, { ...options, body: body ?? {} })).body,
  put: async (path, body, options) => (await request('PUT', path, { ...options, body: body ?? {} })).body,
  patch: async (path, body, options) => (await request('PATCH', path, { ...options, body })).body,
  delete: async (path, options) => (await request('DELETE', path, options)).body,
};

/** The revision an ETag carries ("42", W/"42" or 42). */
export function revisionOf(etag) {
  const match = etag && /(\d+)/.exec(etag);
  return match ? Number(match[1]) : null;
}

/** Path of the environment groups of a team, or of the default team. */
export function groupsPath(teamId) {
  return teamId ? `/v1/teams/${encodeURIComponent(teamId)}/environment_groups` : '/v1/environment_groups';
}

export const enc = encodeURIComponent;
