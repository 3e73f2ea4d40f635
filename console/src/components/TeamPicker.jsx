import { useAccount } from '../context.js';

export function TeamPicker({ teamId, onChange }) {
  const { teams } = useAccount(); // rendered only once the account is known
  return (
    <div class="field inline">
      <label for="team-picker">Team</label>
      <select id="team-picker" value={teamId} onChange={(e) => onChange(e.currentTarget.value)}>
        {teams.map((t) => (
          <option value={t.id} key={t.id}>
            {t.name}{t.default ? ' (organisation)' : ''}
          </option>
        ))}
      </select>
    </div>
  );
}
