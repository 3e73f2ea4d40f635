package io.envguard.contract.event;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * The environment events, as the topic {@code envguard.environment.events} and {@code docs/events.md} name them: the
 * public catalog, version 1, one record per type and version, each about one organisation. Each record is the
 * {@code data} of a CloudEvent ({@link EventJson} maps it); the organisation id, revision, actor and time travel in the
 * envelope ({@link EnvironmentCloudEvent}, and in Axon's message), not here.
 * <p>
 * Axon stores each event under its class name: environment-service's {@code MovedEventTypes} reads those stored under
 * earlier names, so renaming this interface or a record needs a step there.
 * <p>
 * A new version of a type is a new record beside the old one (docs/events.md, "Versioning"), so that both can be read
 * for as long as both are published; {@link Handler} then makes every consumer say what it does with it.
 */
public sealed interface EnvironmentEvent {

    /** One method per event type: what a consumer does with each, checked by the compiler to leave none out. */
    interface Handler<R> {
        /** Calls the method of {@code event}'s type. */
        default R handle(EnvironmentEvent event) {
            if (event instanceof OrganizationCreated e) {
                return on(e);
            } else if (event instanceof MemberAdded e) {
                return on(e);
            } else if (event instanceof MemberRoleChanged e) {
                return on(e);
            } else if (event instanceof MemberRemoved e) {
                return on(e);
            } else if (event instanceof TeamCreated e) {
                return on(e);
            } else if (event instanceof TeamMemberAdded e) {
                return on(e);
            } else if (event instanceof TeamMemberRemoved e) {
                return on(e);
            } else if (event instanceof EnvironmentGroupCreated e) {
                return on(e);
            } else if (event instanceof EnvironmentGroupRestricted e) {
                return on(e);
            } else if (event instanceof EnvironmentGroupUnrestricted e) {
                return on(e);
            } else if (event instanceof AccessGranted e) {
                return on(e);
            } else if (event instanceof AccessRevoked e) {
                return on(e);
            } else if (event instanceof GrantExpired e) {
                return on(e);
            } else if (event instanceof ApiKeyCreated e) {
                return on(e);
            } else if (event instanceof ApiKeyDeleted e) {
                return on(e);
            }
            throw new IllegalArgumentException("no handler for " + event.getClass().getName());
        }

        R on(OrganizationCreated event);

        R on(MemberAdded event);

        R on(MemberRoleChanged event);

        R on(MemberRemoved event);

        R on(TeamCreated event);

        R on(TeamMemberAdded event);

        R on(TeamMemberRemoved event);

        R on(EnvironmentGroupCreated event);

        R on(EnvironmentGroupRestricted event);

        R on(EnvironmentGroupUnrestricted event);

        R on(AccessGranted event);

        R on(AccessRevoked event);

        R on(GrantExpired event);

        R on(ApiKeyCreated event);

        R on(ApiKeyDeleted event);
    }

    /** An event about one environment group of one team. */
    sealed interface GroupEvent extends EnvironmentEvent {
        String teamId();

        String environment();
    }

    record UserRef(String userId, String email, String name) {
    }

    record OrganizationCreated(String organizationId, String name, String defaultTeamId, UserRef admin)
            implements EnvironmentEvent {
    }

    record MemberAdded(String userId, String email, String name, Role role) implements EnvironmentEvent {
    }

    record MemberRoleChanged(String userId, Role role, Role previousRole) implements EnvironmentEvent {
    }

    record MemberRemoved(String userId) implements EnvironmentEvent {
    }

    record TeamCreated(String teamId, String name) implements EnvironmentEvent {
    }

    record TeamMemberAdded(String teamId, String userId, Role role) implements EnvironmentEvent {
    }

    record TeamMemberRemoved(String teamId, String userId) implements EnvironmentEvent {
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

    /** {@code teamId}: the team of a team key, null for a personal key; {@code name} may be null. */
    record ApiKeyCreated(String prefix, String userId, String name, String type, String teamId, String secretSha256)
            implements EnvironmentEvent {
    }

    record ApiKeyDeleted(String prefix, String userId) implements EnvironmentEvent {
    }
}
