import { reasonText } from '../errors.js';
import { Lock } from './common.jsx';

let counter = 0;

/**
 * A button for a restricted action. When the permission answer refuses it, the button stays focusable but is marked
 * aria-disabled and does nothing; its tooltip (shown on hover and on keyboard focus, and read as its description)
 * says why and who can grant access.
 */
export function GuardedButton({ permission, environment, grantors, onClick, children, testId }) {
  const id = `tip-${++counter}`;
  if (permission?.allowed) {
    return (
      <button type="button" onClick={onClick} data-testid={testId}>
        {children}
      </button>
    );
  }
  const why = permission
    ? permission.note || reasonText(permission.reason, environment)
    : 'Checking your permission…';
  const who = permission?.reason && grantors?.length ? ` Access can be granted by: ${grantors.join(', ')}.` : '';
  return (
    <span class="guarded">
      <button type="button" aria-disabled="true" aria-describedby={id} data-testid={testId}
        onClick={(e) => e.preventDefault()}>
        <Lock /> {children}
      </button>
      <span role="tooltip" id={id} class="tip">
        {why}
        {who}
      </span>
    </span>
  );
}
