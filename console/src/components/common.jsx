import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { describeError } from '../errors.js';

/** An API error in words, announced to screen readers. */
export function ErrorNote({ error, action, onDismiss }) {
  if (!error) return null;
  return (
    <div class="error" role="alert" data-testid="error">
      <p>{typeof error === 'string' ? error : describeError(error, action)}</p>
      {onDismiss && (
        <button type="button" class="link" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}

export function Notice({ children }) {
  return children ? (
    <p class="notice" role="status">
      {children}
    </p>
  ) : null;
}

/**
 * Loads data for a page: `load(signal)` runs on mount and whenever `deps` change. Errors become words on the page,
 * never a blank screen.
 */
export function useLoad(load, deps) {
  const [state, setState] = useState({ loading: true, data: null, error: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    load(controller.signal).then(
      (data) => !controller.signal.aborted && setState({ loading: false, data, error: null }),
      (error) => !controller.signal.aborted && error.name !== 'AbortError' && setState({ loading: false, data: null, error }),
    );
    return () => controller.abort();
  }, [...deps, tick]);
  return { ...state, reload: () => setTick((t) => t + 1) };
}

/**
 * Marks the page as rendered with its data (body[data-ready]) and when, in milliseconds since the navigation started
 * (body[data-ready-at], as soon as the DOM holds the data): the browser tests wait for the one and check the other
 * against the 1 s budget.
 */
export function useReady(name, ready) {
  useLayoutEffect(() => {
    if (!ready) return undefined;
    document.body.dataset.readyAt = String(Math.round(performance.now()));
    document.body.dataset.ready = name;
    return () => {
      if (document.body.dataset.ready === name) delete document.body.dataset.ready;
    };
  }, [name, ready]);
}

export function Loading({ what }) {
  return (
    <p class="loading" role="status">
      Loading {what}…
    </p>
  );
}

/** A padlock drawn inline (no emoji font needed); decorative, the text beside it says what it means. */
export function Lock() {
  return (
    <svg class="lock" viewBox="0 0 16 16" width="11" height="11" aria-hidden="true" focusable="false">
      <path fill="currentColor" fill-rule="evenodd" d="M5 7V5a3 3 0 0 1 6 0v2h1v7H4V7zm1.5 0h3V5a1.5 1.5 0 0 0-3 0z" />
    </svg>
  );
}

export function RestrictedBadge({ restricted }) {
  return restricted ? (
    <span class="badge restricted">
      <Lock /> Restricted
    </span>
  ) : (
    <span class="badge unrestricted">Unrestricted</span>
  );
}

export function formatTime(value) {
  if (!value) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString();
}

/** A page heading that takes focus when the page changes, so keyboard and screen-reader users land on it. */
export function PageTitle({ children }) {
  return (
    <h1 tabIndex={-1} id="page-title">
      {children}
    </h1>
  );
}
