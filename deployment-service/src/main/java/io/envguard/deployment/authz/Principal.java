package io.envguard.deployment.authz;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * Who is calling, as resolved by authz-service from the caller's credential ({@code GET /internal/v1/principal}).
 * deployment-service takes identity, organisation and team memberships from here only.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Principal(
        String userId,
        String email,
        String name,
        String organizationId,
        String defaultTeamId,
        String role,
        List<TeamMembership> teams,
        Long revision,
        String credential,
        String apiKeyPrefix) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TeamMembership(String teamId, String role) {
    }

    public boolean isOrgAdmin() {
        return organizationId != null && "ADMIN".equalsIgnoreCase(role);
    }

    public boolean isInTeam(String teamId) {
        if (teamId == null) {
            return false;
        }
        // The default team holds every member of the organisation.
        return teamId.equals(defaultTeamId)
                || (teams != null && teams.stream().anyMatch(t -> teamId.equals(t.teamId())));
    }

    /** Models and chains of a team are visible to its members and to the admins of its organisation. */
    public boolean canSee(String organizationId, String teamId) {
        return this.organizationId != null
                && this.organizationId.equals(organizationId)
                && (isOrgAdmin() || isInTeam(teamId));
    }
}
