package io.envguard.authz.identity;

import io.envguard.authz.facts.OrganizationFacts;
import java.util.List;

/**
 * Who is calling, as the access table knows them; the body of {@code GET /internal/v1/principal}.
 * A valid JWT of someone who belongs to no organisation has no user id here: environment-service assigns those.
 */
public record Principal(String userId, String email, String name, String organizationId, String defaultTeamId,
                        String role, List<OrganizationFacts.TeamRole> teams, Long revision, Credential credential,
                        String apiKeyPrefix) {

    public enum Credential { JWT, API_KEY }

    public boolean orgAdmin() {
        return OrganizationFacts.ADMIN.equals(role);
    }

    /** Whether the caller acts in the team: every team for org admins, the default team for every member. */
    public boolean actsIn(String teamId) {
        return teams.stream().anyMatch(team -> team.teamId().equals(teamId));
    }
}
