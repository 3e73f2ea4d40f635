package io.envguard.environment.organization;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * The events of one organisation: the public catalog of {@code docs/events.md}, version 1. Each record is the {@code data}
 * of a CloudEvent; the organisation id, revision, actor and time travel in the envelope (and in Axon's message), not here.
 */
public sealed interface OrganizationEvent {

    /** An event about one environment group of one team. */
    sealed interface GroupEvent extends OrganizationEvent {
        String teamId();

        String environment();
    }

    record UserRef(String userId, String email, String name) {
    }

    record OrganizationCreated(String organizationId, String name, String defaultTeamId, UserRef admin)
            implements OrganizationEvent {
    }

    record MemberAdded(String userId, String email, String name, Role role) implements OrganizationEvent {
    }

    record MemberRoleChanged(String userId, Role role, Role previousRole) implements OrganizationEvent {
    }

    record MemberRemoved(String userId) implements OrganizationEvent {
    }

    record TeamCreated(String teamId, String name) implements OrganizationEvent {
    }

    record TeamMemberAdded(String teamId, String userId, Role role) implements OrganizationEvent {
    }

    record TeamMemberRemoved(String teamId, String userId) implements OrganizationEvent {
    }

    record EnvironmentGroupCreated(String teamId, String environment,
                                   @JsonProperty("is_restricted") boolean isRestricted) implements GroupEvent {
    }

    record EnvironmentGroupRestricted(String teamId, String environment) implements GroupEvent {
    }

    record EnvironmentGroupUnrestricted(String teamId, String environment) implements GroupEvent {
    }

    record AccessGranted(String teamId, String environment, String userId, Instant expiresAt)
            implements GroupEvent {
    }

    record AccessRevoked(String teamId, String environment, String userId) implements GroupEvent {
    }

    record GrantExpired(String teamId, String environment, String userId, Instant expiredAt)
            implements GroupEvent {
    }

    record ApiKeyCreated(String prefix, String userId, String name, String type, String secretSha256)
            implements OrganizationEvent {
    }

    record ApiKeyDeleted(String prefix, String userId) implements OrganizationEvent {
    }
}
