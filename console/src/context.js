import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/** The signed-in person as the organisation knows them: {session, organization, me, teams}; null while loading. */
export const Account = createContext(null);

export const useAccount = () => useContext(Account);

/** Org admins manage every team; a team's admins manage that team. */
export function canManageTeam(account, teamId) {
  if (!account) return false;
  if (account.me?.role === 'ADMIN') return true;
  const team = account.teams.find((t) => t.id === (teamId || account.organization.default_team_id));
  return !!team?.members?.some((m) => m.user_id === account.me?.user_id && m.role === 'ADMIN');
}
