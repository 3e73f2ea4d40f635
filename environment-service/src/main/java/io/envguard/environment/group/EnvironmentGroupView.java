package io.envguard.environment.group;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.envguard.contract.decision.Via;
import io.envguard.environment.organization.OrganizationState;
import io.envguard.environment.organization.OrganizationState.Group;
import io.envguard.environment.organization.OrganizationState.Team;

import java.time.Instant;
import java.util.List;

/** The contract's {@code EnvironmentGroup}. */
public record EnvironmentGroupView(String name, String teamId, String teamName, ManageAccess manageAccess,
                                   long revision) {

    public record ManageAccess(@JsonProperty("is_restricted") boolean isRestricted, List<UserAccess> users) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UserAccess(String userId, String email, String name, Via via, Instant expiresAt) {
    }

    static EnvironmentGroupView of(OrganizationState state, Team team, Group group, Instant at, long revision) {
        return new EnvironmentGroupView(group.environment(), team.id(), team.name(),
                manageAccess(state, team, group, at), revision);
    }

    static ManageAccess manageAccess(OrganizationState state, Team team, Group group, Instant at) {
        return new ManageAccess(group.restricted(), state.accessList(team, group, at).stream()
                .map(access -> new UserAccess(access.member().userId(), access.member().email(),
                        access.member().name(), access.via(), access.expiresAt()))
                .toList());
    }
}
