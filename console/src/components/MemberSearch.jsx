import { useEffect, useRef, useState } from 'preact/hooks';
import { api, enc } from '../api.js';
import { describeError } from '../errors.js';

let counter = 0;

/**
 * Add users by searching by name or by email: a combobox over GET /v1/members?query=. Arrow keys move through the
 * suggestions, Enter picks one, Escape closes the list.
 */
export function MemberSearch({ label, exclude = [], onPick }) {
  const [id] = useState(() => `member-search-${++counter}`);
  const [text, setText] = useState('');
  const [results, setResults] = useState([]);
  const [active, setActive] = useState(-1);
  const [error, setError] = useState(null);
  const timer = useRef(null);

  useEffect(() => {
    clearTimeout(timer.current);
    if (!text.trim()) {
      setResults([]);
      return undefined;
    }
    const controller = new AbortController();
    timer.current = setTimeout(() => {
      api.get(`/v1/members?query=${enc(text.trim())}`, { signal: controller.signal }).then(
        (found) => {
          setResults(found.items.filter((m) => !exclude.includes(m.user_id)).slice(0, 8));
          setActive(0);
          setError(null);
        },
        (e) => e.name !== 'AbortError' && setError(describeError(e, 'Searching members')),
      );
    }, 150);
    return () => {
      clearTimeout(timer.current);
      controller.abort();
    };
  }, [text, exclude.join(',')]);

  const pick = (member) => {
    onPick(member);
    setText('');
    setResults([]);
  };
  const onKeyDown = (event) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((a) => Math.min(a + 1, results.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (event.key === 'Enter' && results[active]) {
      event.preventDefault();
      pick(results[active]);
    } else if (event.key === 'Escape') {
      setResults([]);
    }
  };
  const open = results.length > 0;
  return (
    <div class="combobox">
      <label for={id}>{label}</label>
      <input id={id} type="text" role="combobox" autocomplete="off" aria-expanded={open ? 'true' : 'false'}
        aria-controls={open ? `${id}-list` : undefined} aria-autocomplete="list"
        aria-activedescendant={open && active >= 0 ? `${id}-opt-${active}` : undefined}
        placeholder="Name or email" value={text} onInput={(e) => setText(e.currentTarget.value)} onKeyDown={onKeyDown} />
      {open && (
        <ul id={`${id}-list`} role="listbox" aria-label="Matching members" class="options">
          {results.map((m, i) => (
            <li id={`${id}-opt-${i}`} role="option" aria-selected={i === active ? 'true' : 'false'} key={m.user_id}
              class={i === active ? 'active' : ''} onMouseDown={(e) => { e.preventDefault(); pick(m); }}>
              {m.name} <span class="muted">{m.email}</span>
            </li>
          ))}
        </ul>
      )}
      {text.trim() && !open && !error && <span class="muted small" role="status">No match yet</span>}
      {error && <p class="error small" role="alert">{error}</p>}
    </div>
  );
}
