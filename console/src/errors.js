// Every refusal of the API in words a person can act on. One place, so that each page says the same thing.

const REASONS = {
  NOT_GRANTED: (env) => `You have not been granted access to the restricted environment “${env}”.`,
  GRANT_EXPIRED: (env) => `Your access to the restricted environment “${env}” has expired.`,
  ADMIN_DEMOTED: (env) => `You are no longer an admin, so you lost the access admins have to “${env}”.`,
  NOT_IN_TEAM: () => 'You are not a member of the team that owns this.',
  NOT_A_MEMBER: () => 'You are not a member of this organisation.',
};

/** Why a guarded action is refused, from the contract's reason code. */
export function reasonText(reason, environment) {
  const text = REASONS[reason];
  return text ? text(environment) : `Refused (${reason}).`;
}

/** A sentence (or two) for an ApiError; `action` names what was attempted, e.g. "Promote". */
export function describeError(error, action = 'The action') {
  const body = error?.body || {};
  switch (error?.status) {
    case 0:
      return `${action} did not happen: the Envguard gateway could not be reached. Check your connection and try again.`;
    case 400: {
      const fields = body.fields ? Object.entries(body.fields).map(([f, p]) => `${f} ${p}`).join('; ') : '';
      return `${action} was refused because the request is not valid${fields ? `: ${fields}` : ''}. Nothing was changed.`;
    }
    case 401:
      return 'Your session has ended. Please sign in again.';
    case 403:
      if (body.code === 'ENVIRONMENT_RESTRICTED') {
        return `${action} was refused: ${reasonText(body.reason, body.environment)} Nothing was changed.`;
      }
      return `${action} was refused: ${body.message || 'you are not allowed to do this'}. Only admins may do this. Nothing was changed.`;
    case 404:
      return `Not found: ${body.message || 'it does not exist or is not visible to you'}.`;
    case 409:
      return `${action} conflicts with the current state: ${body.message || 'it already exists'}. Nothing was changed.`;
    case 412:
      return 'Someone else changed this while you were editing. Your changes were not saved. Reload to see the current state, then make your changes again.';
    case 413:
      return `${action} was refused: the request is too large.`;
    case 429:
      return `Too many requests right now: ${action.toLowerCase()} did not happen. Try again in ${error.retryAfter || 1} second(s).`;
    case 503:
      if (body.code === 'AUTHZ_UNAVAILABLE' && body.revision != null) {
        return `The change was recorded (revision ${body.revision}) but the permission service has not confirmed it yet; it takes effect as soon as it catches up. Reload in a moment to check.`;
      }
      if (body.code === 'AUTHZ_UNAVAILABLE') {
        return `${action} did NOT happen: the permission service could not decide in time, and Envguard refuses rather than guesses. Nothing was changed; try again in a moment.`;
      }
      return `${action} did NOT happen: a service is not answering (${body.message || 'unavailable'}). Nothing was changed; try again in a moment.`;
    default:
      return `${action} failed (HTTP ${error?.status ?? '?'}): ${body.message || error?.message || 'unexpected error'}.`;
  }
}
