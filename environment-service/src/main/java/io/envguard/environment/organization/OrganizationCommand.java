package io.envguard.environment.organization;

import io.envguard.contract.event.EnvironmentEvent.UserRef;
import io.envguard.contract.event.Role;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * The commands on one organisation. {@code actorId} is the user making the change; every handler answers with the
 * organisation's revision after the change (unchanged when the command changed nothing).
 */
public sealed interface OrganizationCommand {

    String organizationId();

    record CreateOrganization(@TargetAggregateIdentifier String organizationId, String name, String defaultTeamId,
                              UserRef admin) implements OrganizationCommand {
    }

    record AddMember(@TargetAggregateIdentifier String organizationId, String actorId, String userId, String email,
                     String name, Role role) implements OrganizationCommand {
    }

    record ChangeMemberRole(@TargetAggregateIdentifier String organizationId, String actorId, String userId,
                            Role role) implements OrganizationCommand {
    }

    record RemoveMember(@TargetAggregateIdentifier String organizationId, String actorId, String userId)
            implements OrganizationCommand {
    }

    record CreateTeam(@TargetAggregateIdentifier String organizationId, String actorId, String teamId, String name)
            implements OrganizationCommand {
    }

    record AddTeamMember(@TargetAggregateIdentifier String organizationId, String actorId, String teamId,
                         String userId, Role role) implements OrganizationCommand {
    }

    record RemoveTeamMember(@TargetAggregateIdentifier String organizationId, String actorId, String teamId,
                            String userId) implements OrganizationCommand {
    }

    /** {@code teamId} null means the default team. */
    record CreateEnvironmentGroup(@TargetAggregateIdentifier String organizationId, String actorId, String teamId,
                                  String environment, boolean restricted, List<String> userIds)
            implements OrganizationCommand {
    }

    /**
     * Baseten's PATCH: {@code restricted} null keeps the current state, {@code userIds} null keeps the grants, otherwise
     * the list replaces them. {@code expectedRevision} is the {@code If-Match} revision, null when absent.
     */
    record ChangeEnvironmentGroupAccess(@TargetAggregateIdentifier String organizationId, String actorId,
                                        String teamId, String environment, Boolean restricted, List<String> userIds,
                                        Long expectedRevision) implements OrganizationCommand {
    }

    record GrantAccess(@TargetAggregateIdentifier String organizationId, String actorId, String teamId,
                       String environment, String userId, Instant expiresAt) implements OrganizationCommand {
    }

    record RevokeAccess(@TargetAggregateIdentifier String organizationId, String actorId, String teamId,
                        String environment, String userId) implements OrganizationCommand {
    }

    /** Sent by the expiry scheduler; ends the grant only if it still carries this {@code expiresAt}. */
    record ExpireGrant(@TargetAggregateIdentifier String organizationId, String teamId, String environment,
                       String userId, Instant expiresAt) implements OrganizationCommand {
    }

    /** {@code teamId} null makes a personal key, otherwise a team key of that team; {@code name} is optional. */
    record CreateApiKey(@TargetAggregateIdentifier String organizationId, String actorId, String prefix,
                        String name, String type, String teamId, String secretSha256) implements OrganizationCommand {
    }

    record DeleteApiKey(@TargetAggregateIdentifier String organizationId, String actorId, String prefix)
            implements OrganizationCommand {
    }
}
