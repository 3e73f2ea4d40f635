package io.envguard.environment.organization;

import io.envguard.contract.event.EnvironmentEvent;
import io.envguard.contract.event.Role;
import io.envguard.environment.error.DomainException;
import io.envguard.environment.naming.Names;
import io.envguard.environment.organization.OrganizationCommand.AddMember;
import io.envguard.environment.organization.OrganizationCommand.AddTeamMember;
import io.envguard.environment.organization.OrganizationCommand.ChangeEnvironmentGroupAccess;
import io.envguard.environment.organization.OrganizationCommand.ChangeMemberRole;
import io.envguard.environment.organization.OrganizationCommand.CreateApiKey;
import io.envguard.environment.organization.OrganizationCommand.CreateEnvironmentGroup;
import io.envguard.environment.organization.OrganizationCommand.CreateOrganization;
import io.envguard.environment.organization.OrganizationCommand.CreateTeam;
import io.envguard.environment.organization.OrganizationCommand.DeleteApiKey;
import io.envguard.environment.organization.OrganizationCommand.ExpireGrant;
import io.envguard.environment.organization.OrganizationCommand.GrantAccess;
import io.envguard.environment.organization.OrganizationCommand.RemoveMember;
import io.envguard.environment.organization.OrganizationCommand.RemoveTeamMember;
import io.envguard.environment.organization.OrganizationCommand.RevokeAccess;
import io.envguard.contract.event.EnvironmentEvent.AccessGranted;
import io.envguard.contract.event.EnvironmentEvent.AccessRevoked;
import io.envguard.contract.event.EnvironmentEvent.ApiKeyCreated;
import io.envguard.contract.event.EnvironmentEvent.ApiKeyDeleted;
import io.envguard.contract.event.EnvironmentEvent.EnvironmentGroupCreated;
import io.envguard.contract.event.EnvironmentEvent.EnvironmentGroupRestricted;
import io.envguard.contract.event.EnvironmentEvent.EnvironmentGroupUnrestricted;
import io.envguard.contract.event.EnvironmentEvent.GrantExpired;
import io.envguard.contract.event.EnvironmentEvent.MemberAdded;
import io.envguard.contract.event.EnvironmentEvent.MemberRemoved;
import io.envguard.contract.event.EnvironmentEvent.MemberRoleChanged;
import io.envguard.contract.event.EnvironmentEvent.OrganizationCreated;
import io.envguard.contract.event.EnvironmentEvent.TeamCreated;
import io.envguard.contract.event.EnvironmentEvent.TeamMemberAdded;
import io.envguard.contract.event.EnvironmentEvent.TeamMemberRemoved;
import io.envguard.environment.organization.OrganizationState.Grant;
import io.envguard.environment.organization.OrganizationState.Group;
import io.envguard.environment.organization.OrganizationState.Member;
import io.envguard.environment.organization.OrganizationState.Team;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One organisation: members, teams, environment groups, grants and API keys. Every rule of the write side is enforced
 * here; handlers validate, then apply events; {@link #on} only changes state. Each handler answers with the revision.
 */
public class OrganizationAggregate {

    /** Metadata key of the user who caused an event; {@link #SYSTEM_ACTOR} for grant expiry. */
    public static final String ACTOR_ID = "actorId";
    public static final String SYSTEM_ACTOR = "system";
    /** The one API key category Envguard offers (Baseten's {@code APIKeyCategory}). */
    public static final String PERSONAL_KEY = "PERSONAL";

    @AggregateIdentifier
    private String organizationId;
    private final OrganizationState state;

    protected OrganizationAggregate() {
        // for Axon
        this(null, new OrganizationState());
    }

    private OrganizationAggregate(String organizationId, OrganizationState state) {
        this.organizationId = organizationId;
        this.state = state;
    }

    /** A command changes its own copy, never the committed aggregate others read ({@link OrganizationState#copy}). */
    OrganizationAggregate copy() {
        return new OrganizationAggregate(organizationId, state.copy());
    }

    @CommandHandler
    public OrganizationAggregate(CreateOrganization command) {
        this();
        String name = Names.requireDisplayName("name", command.name());
        apply(new OrganizationCreated(command.organizationId(), name, command.defaultTeamId(), command.admin()),
                actor(command.admin().userId()));
    }

    @CommandHandler
    public long handle(AddMember command) {
        requireOrgAdmin(command.actorId(), "only organization admins add members");
        if (state.member(command.userId()).isPresent()) {
            throw DomainException.conflict("the user is already a member");
        }
        apply(new MemberAdded(command.userId(), command.email(), command.name(), requireRole(command.role())),
                actor(command.actorId()));
        return state.revision();
    }

    @CommandHandler
    public long handle(ChangeMemberRole command) {
        requireOrgAdmin(command.actorId(), "only organization admins change roles");
        Member member = requireMember(command.userId());
        Role role = requireRole(command.role());
        if (member.role() == role) {
            return state.revision();
        }
        if (member.role() == Role.ADMIN && state.adminCount() == 1) {
            throw DomainException.conflict("the last admin cannot be demoted");
        }
        apply(new MemberRoleChanged(member.userId(), role, member.role()), actor(command.actorId()));
        return state.revision();
    }

    @CommandHandler
    public long handle(RemoveMember command) {
        requireOrgAdmin(command.actorId(), "only organization admins remove members");
        Member member = requireMember(command.userId());
        if (member.role() == Role.ADMIN && state.adminCount() == 1) {
            throw DomainException.conflict("the last admin cannot be removed");
        }
        apply(new MemberRemoved(member.userId()), actor(command.actorId()));
        return state.revision();
    }

    @CommandHandler
    public long handle(CreateTeam command) {
        requireOrgAdmin(command.actorId(), "only organization admins create teams");
        String name = Names.requireDisplayName("name", command.name());
        if (state.teamNamed(name).isPresent()) {
            throw DomainException.conflict("a team with this name exists");
        }
        apply(new TeamCreated(command.teamId(), name), actor(command.actorId()));
        return state.revision();
    }

    @CommandHandler
    public long handle(AddTeamMember command) {
        Team team = visibleTeam(command.teamId(), command.actorId());
        requireManager(team, command.actorId(), "only organization admins and team admins add team members");
        Role role = requireRole(command.role());
        if (state.member(command.userId()).isEmpty()) {
            throw DomainException.invalid("user_id", "is not a member of the organization");
        }
        boolean alreadyWithRole = state.isTeamMember(team, command.userId())
                && team.roles().getOrDefault(command.userId(), Role.MEMBER) == role;
        if (!alreadyWithRole) {
            apply(new TeamMemberAdded(team.id(), command.userId(), role), actor(command.actorId()));
        }
        return state.revision();
    }

    @CommandHandler
    public long handle(RemoveTeamMember command) {
        Team team = visibleTeam(command.teamId(), command.actorId());
        requireManager(team, command.actorId(), "only organization admins and team admins remove team members");
        if (team.isDefault()) {
            throw DomainException.conflict("the default team holds every member; remove the member instead");
        }
        if (!state.isTeamMember(team, command.userId())) {
            throw DomainException.notFound("the user is not in this team");
        }
        apply(new TeamMemberRemoved(team.id(), command.userId()), actor(command.actorId()));
        return state.revision();
    }

    @CommandHandler
    public long handle(CreateEnvironmentGroup command) {
        Team team = visibleTeam(command.teamId(), command.actorId());
        String environment = Names.requireEnvironment("name", command.environment());
        if (team.group(environment).isPresent()) {
            throw DomainException.conflict("the environment group exists");
        }
        List<String> userIds = distinct(command.userIds());
        if (command.restricted()) {
            requireManager(team, command.actorId(), "members may create only unrestricted environment groups");
            requireTeamMembers(team, userIds);
        } else if (!userIds.isEmpty()) {
            throw DomainException.invalid("manage_access.user_ids", "grants need a restricted group");
        }
        apply(new EnvironmentGroupCreated(team.id(), environment, command.restricted()), actor(command.actorId()));
        userIds.forEach(userId ->
                apply(new AccessGranted(team.id(), environment, userId, null), actor(command.actorId())));
        return state.revision();
    }

    @CommandHandler
    public long handle(ChangeEnvironmentGroupAccess command) {
        Team team = visibleTeam(command.teamId(), command.actorId());
        Group group = existingGroup(team, command.environment());
        requireManager(team, command.actorId(), "only organization admins and team admins manage access");
        if (command.expectedRevision() != null && command.expectedRevision() != state.revision()) {
            throw new DomainException(DomainException.Kind.PRECONDITION_FAILED,
                    "the group changed since revision " + command.expectedRevision()
                            + "; current revision is " + state.revision());
        }
        boolean restricted = command.restricted() == null ? group.restricted() : command.restricted();
        MetaData actor = actor(command.actorId());
        if (!restricted) {
            if (command.userIds() != null && !command.userIds().isEmpty()) {
                throw DomainException.invalid("manage_access.user_ids", "grants need a restricted group");
            }
            if (group.restricted()) {
                revokeAll(team, group, actor);
                apply(new EnvironmentGroupUnrestricted(team.id(), group.environment()), actor);
            }
            return state.revision();
        }
        List<String> wanted = command.userIds() == null ? null : distinct(command.userIds());
        if (wanted != null) {
            requireTeamMembers(team, wanted);
        }
        if (!group.restricted()) {
            apply(new EnvironmentGroupRestricted(team.id(), group.environment()), actor);
        }
        if (wanted != null) {
            for (String userId : List.copyOf(group.grants().keySet())) {
                if (!wanted.contains(userId)) {
                    apply(new AccessRevoked(team.id(), group.environment(), userId), actor);
                }
            }
            for (String userId : wanted) {
                if (!group.grants().containsKey(userId)) {
                    apply(new AccessGranted(team.id(), group.environment(), userId, null), actor);
                }
            }
        }
        return state.revision();
    }

    @CommandHandler
    public long handle(GrantAccess command) {
        Team team = visibleTeam(command.teamId(), command.actorId());
        Group group = existingGroup(team, command.environment());
        requireManager(team, command.actorId(), "only organization admins and team admins grant access");
        if (!group.restricted()) {
            throw DomainException.conflict("grants exist only on restricted groups; restrict it first");
        }
        requireTeamMembers(team, List.of(command.userId()));
        // millisecond precision: what every store and consumer of the event can represent exactly
        Instant expiresAt = command.expiresAt() == null ? null : command.expiresAt().truncatedTo(ChronoUnit.MILLIS);
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw DomainException.invalid("expires_at", "must be in the future");
        }
        Grant current = group.grants().get(command.userId());
        if (current == null || !Objects.equals(current.expiresAt(), expiresAt)) {
            apply(new AccessGranted(team.id(), group.environment(), command.userId(), expiresAt),
                    actor(command.actorId()));
        }
        return state.revision();
    }

    @CommandHandler
    public long handle(RevokeAccess command) {
        Team team = visibleTeam(command.teamId(), command.actorId());
        Group group = existingGroup(team, command.environment());
        requireManager(team, command.actorId(), "only organization admins and team admins revoke access");
        if (!group.grants().containsKey(command.userId())) {
            throw DomainException.notFound("the user holds no grant on this group");
        }
        apply(new AccessRevoked(team.id(), group.environment(), command.userId()), actor(command.actorId()));
        return state.revision();
    }

    @CommandHandler
    public long handle(ExpireGrant command) {
        Grant grant = state.team(command.teamId())
                .flatMap(team -> team.group(command.environment()))
                .map(group -> group.grants().get(command.userId()))
                .orElse(null);
        boolean due = grant != null && grant.expiresAt() != null
                && grant.expiresAt().equals(command.expiresAt()) && !grant.expiresAt().isAfter(Instant.now());
        if (due) {
            apply(new GrantExpired(command.teamId(), command.environment(), command.userId(), grant.expiresAt()),
                    actor(SYSTEM_ACTOR));
        }
        return state.revision();
    }

    @CommandHandler
    public long handle(CreateApiKey command) {
        requireMember(command.actorId());
        String name = command.name() == null ? null : Names.requireDisplayName("name", command.name());
        if (!PERSONAL_KEY.equals(command.type())) {
            throw DomainException.invalid("type", command.type() == null ? "is required: PERSONAL"
                    : "must be PERSONAL: an Envguard key acts as its user, with exactly the user's current "
                    + "permissions; workspace keys (WORKSPACE_*) are not offered");
        }
        // a team key is its creator's key, labelled with a team the creator is in; it never acts as the team
        String teamId = command.teamId() == null ? null : visibleTeam(command.teamId(), command.actorId()).id();
        if (state.apiKey(command.prefix()).isPresent()) {
            throw DomainException.conflict("an API key with this prefix exists");
        }
        apply(new ApiKeyCreated(command.prefix(), command.actorId(), name, command.type(), teamId,
                command.secretSha256()), actor(command.actorId()));
        return state.revision();
    }

    @CommandHandler
    public long handle(DeleteApiKey command) {
        requireMember(command.actorId());
        var key = state.apiKey(command.prefix())
                .filter(k -> k.userId().equals(command.actorId()))
                .orElseThrow(() -> DomainException.notFound("no such API key"));
        apply(new ApiKeyDeleted(key.prefix(), key.userId()), actor(command.actorId()));
        return state.revision();
    }

    @EventSourcingHandler
    void on(EnvironmentEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant timestamp) {
        if (event instanceof OrganizationCreated created) {
            organizationId = created.organizationId();
        }
        state.apply(event, sequenceNumber + 1, timestamp);
    }

    /** The state, for tests and for reads through the repository. */
    public OrganizationState state() {
        return state;
    }

    private void revokeAll(Team team, Group group, MetaData actor) {
        for (String userId : List.copyOf(group.grants().keySet())) {
            apply(new AccessRevoked(team.id(), group.environment(), userId), actor);
        }
    }

    private static MetaData actor(String actorId) {
        return MetaData.with(ACTOR_ID, actorId);
    }

    private static Role requireRole(Role role) {
        if (role == null) {
            throw DomainException.invalid("role", "must be ADMIN or MEMBER");
        }
        return role;
    }

    private Member requireMember(String userId) {
        return state.member(userId).orElseThrow(() -> DomainException.notFound("no such member"));
    }

    private void requireOrgAdmin(String actorId, String message) {
        requireMember(actorId);
        if (!state.isOrgAdmin(actorId)) {
            throw DomainException.forbidden(message);
        }
    }

    private Team visibleTeam(String teamId, String actorId) {
        requireMember(actorId);
        return state.team(teamId)
                .filter(team -> state.canSee(team, actorId))
                .orElseThrow(() -> DomainException.notFound("no such team"));
    }

    private void requireManager(Team team, String actorId, String message) {
        if (!state.mayManage(team, actorId)) {
            throw DomainException.forbidden(message);
        }
    }

    private Group existingGroup(Team team, String environment) {
        Names.requireEnvironment("env_name", environment);
        return team.group(environment).orElseThrow(() -> DomainException.notFound("no such environment group"));
    }

    private void requireTeamMembers(Team team, List<String> userIds) {
        Map<String, String> unknown = new LinkedHashMap<>();
        for (String userId : userIds) {
            if (!state.isTeamMember(team, userId)) {
                unknown.put("user_ids." + userId, "is not a member of the team");
            }
        }
        if (!unknown.isEmpty()) {
            throw new DomainException(DomainException.Kind.VALIDATION_FAILED,
                    "granted users must be members of the team", unknown);
        }
    }

    private static List<String> distinct(List<String> userIds) {
        if (userIds == null) {
            return List.of();
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String userId : userIds) {
            if (userId == null) {
                throw DomainException.invalid("user_ids", "must not contain null");
            }
            unique.add(userId);
        }
        return new ArrayList<>(unique);
    }
}
