/** The access level switch; for someone who may not restrict, "Restricted" is disabled and says why. */
export function AccessLevel({ name, restricted, canRestrict, onChange }) {
  return (
    <fieldset class="access-level">
      <legend>Access level</legend>
      <label>
        <input type="radio" name={name} value="unrestricted" checked={!restricted} onChange={() => onChange(false)} />
        Unrestricted <span class="muted">— every member of the team may change it</span>
      </label>
      <label class={canRestrict ? '' : 'disabled'}>
        <input type="radio" name={name} value="restricted" checked={restricted} disabled={!canRestrict}
          aria-describedby={canRestrict ? undefined : `${name}-why`} onChange={() => onChange(true)} />
        Restricted <span class="muted">— only the users listed below, and admins</span>
      </label>
      {!canRestrict && (
        <p id={`${name}-why`} class="why">
          Only organisation admins and this team's admins can restrict an environment or change who has access.
        </p>
      )}
    </fieldset>
  );
}
