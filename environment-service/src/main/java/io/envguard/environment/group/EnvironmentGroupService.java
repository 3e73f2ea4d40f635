package io.envguard.environment.group;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envguard.environment.identity.Caller;
import io.envguard.environment.identity.CurrentCaller;
import io.envguard.environment.error.DomainException;
import io.envguard.environment.naming.Names;
import io.envguard.environment.organization.OrganizationAggregate;
import io.envguard.environment.organization.OrganizationCommand;
import io.envguard.environment.organization.OrganizationCommand.ChangeEnvironmentGroupAccess;
import io.envguard.environment.organization.OrganizationCommand.CreateEnvironmentGroup;
import io.envguard.environment.organization.OrganizationCommand.GrantAccess;
import io.envguard.environment.organization.OrganizationCommand.RevokeAccess;
import io.envguard.environment.organization.OrganizationCommands;
import io.envguard.contract.event.EnvironmentEvent;
import io.envguard.contract.event.EnvironmentEvent.GroupEvent;
import io.envguard.contract.event.EnvironmentEvent.MemberRemoved;
import io.envguard.contract.event.EnvironmentEvent.TeamMemberRemoved;
import io.envguard.environment.organization.OrganizationReader;
import io.envguard.environment.organization.OrganizationState;
import io.envguard.environment.organization.OrganizationState.Group;
import io.envguard.environment.organization.OrganizationState.Team;
import io.envguard.environment.paging.Cursors;
import io.envguard.environment.paging.Cursors.Pagination;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The use cases behind the environment-group endpoints, for the default team (teamId null) or a given team. */
@ApplicationScoped
public class EnvironmentGroupService {

    public record ManageAccessRequest(@JsonProperty("is_restricted") Boolean isRestricted, List<String> userIds) {
    }

    public record CreateGroupRequest(String name, ManageAccessRequest manageAccess) {
    }

    public record ChangeGroupRequest(ManageAccessRequest manageAccess) {
    }

    public record GrantRequest(Instant expiresAt) {
    }

    /** Baseten's {@code EnvironmentGroupsV1}. */
    public record Page(List<EnvironmentGroupView> items, Pagination pagination) {
    }

    public record AccessAt(String name, String teamId, Instant at, long revision,
                           EnvironmentGroupView.ManageAccess manageAccess) {
    }

    public record History(List<Map<String, Object>> items) {
    }

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final CurrentCaller callers;
    private final OrganizationCommands commands;
    private final OrganizationReader reader;
    private final ObjectMapper objectMapper;

    EnvironmentGroupService(CurrentCaller callers, OrganizationCommands commands, OrganizationReader reader,
                            ObjectMapper objectMapper) {
        this.callers = callers;
        this.commands = commands;
        this.reader = reader;
        this.objectMapper = objectMapper;
    }

    public Page list(String teamId, Integer limit, String cursor) {
        int size = Cursors.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        String after = Cursors.decode(cursor, environment -> Names.requireEnvironment("cursor", environment));
        OrganizationState state = organization();
        Team team = visibleTeam(state, teamId);
        List<Group> remaining = team.groups().stream()
                .filter(group -> after == null || group.environment().compareTo(after) > 0)
                .toList();
        List<EnvironmentGroupView> items = remaining.stream().limit(size)
                .map(group -> EnvironmentGroupView.of(state, team, group, Instant.now(), state.revision()))
                .toList();
        boolean hasMore = remaining.size() > size;
        String next = hasMore ? Cursors.encode(items.get(items.size() - 1).name()) : null;
        return new Page(items, new Pagination(hasMore, next));
    }

    public EnvironmentGroupView get(String teamId, String environment) {
        Names.requireEnvironment("env_name", environment);
        OrganizationState state = organization();
        Team team = visibleTeam(state, teamId);
        Group group = team.group(environment).orElseThrow(() -> DomainException.notFound("no such environment group"));
        return EnvironmentGroupView.of(state, team, group, Instant.now(), state.revision());
    }

    public EnvironmentGroupView create(String teamId, CreateGroupRequest request) {
        Caller caller = callers.get();
        if (request == null) {
            throw DomainException.invalid("name", "is required");
        }
        ManageAccessRequest access = request.manageAccess();
        boolean restricted = access != null && Boolean.TRUE.equals(access.isRestricted());
        List<String> userIds = access == null || access.userIds() == null ? List.of() : access.userIds();
        long revision = commands.send(caller, new CreateEnvironmentGroup(caller.requireOrganization(),
                caller.userId(), teamId, request.name(), restricted, userIds));
        return changed(teamId, request.name(), revision);
    }

    public EnvironmentGroupView change(String teamId, String environment, ChangeGroupRequest request, Long expectedRevision) {
        Caller caller = callers.get();
        // Baseten: an absent or null manage_access leaves access as it is; the aggregate still judges the caller
        // and If-Match, and records nothing.
        ManageAccessRequest access = request == null || request.manageAccess() == null
                ? new ManageAccessRequest(null, null) : request.manageAccess();
        return send(caller, teamId, environment, new ChangeEnvironmentGroupAccess(caller.requireOrganization(),
                caller.userId(), teamId, environment, access.isRestricted(), access.userIds(), expectedRevision));
    }

    public EnvironmentGroupView grant(String teamId, String environment, String userId, GrantRequest request) {
        Caller caller = callers.get();
        Instant expiresAt = request == null ? null : request.expiresAt();
        return send(caller, teamId, environment, new GrantAccess(caller.requireOrganization(), caller.userId(),
                teamId, environment, userId, expiresAt));
    }

    public EnvironmentGroupView revoke(String teamId, String environment, String userId) {
        Caller caller = callers.get();
        return send(caller, teamId, environment,
                new RevokeAccess(caller.requireOrganization(), caller.userId(), teamId, environment, userId));
    }

    /** Every change of the group, oldest first, with revision, type, time, actor and the event's details. */
    public History history(String teamId, String environment) {
        Names.requireEnvironment("env_name", environment);
        Caller caller = callers.get();
        OrganizationState current = organization();
        Team team = visibleTeam(current, teamId);
        team.group(environment).orElseThrow(() -> DomainException.notFound("no such environment group"));
        List<Map<String, Object>> items = new ArrayList<>();
        OrganizationState replayed = new OrganizationState();
        reader.replay(caller.requireOrganization(), message -> {
            EnvironmentEvent event = (EnvironmentEvent) message.getPayload();
            long revision = message.getSequenceNumber() + 1;
            if (concernsGroup(replayed, event, team.id(), environment)) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("revision", revision);
                item.put("type", event.getClass().getSimpleName());
                item.put("at", message.getTimestamp());
                item.put("actor", actor(replayed, String.valueOf(message.getMetaData()
                        .getOrDefault(OrganizationAggregate.ACTOR_ID, OrganizationAggregate.SYSTEM_ACTOR))));
                Map<String, Object> details = objectMapper.convertValue(event,
                        objectMapper.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
                details.remove("team_id");
                details.remove("environment");
                item.putAll(details);
                items.add(item);
            }
            replayed.apply(event, revision, message.getTimestamp());
        });
        return new History(items);
    }

    /** Who could modify the environment at that instant, answered from the event history. */
    public AccessAt accessAt(String teamId, String environment, Instant at) {
        Names.requireEnvironment("env_name", environment);
        Caller caller = callers.get();
        Instant instant = at == null ? Instant.now() : at;
        Team team = visibleTeam(organization(), teamId);
        OrganizationState past;
        try {
            past = reader.asOf(caller.requireOrganization(), instant);
        } catch (DomainException notYetCreated) {
            past = null;
        }
        EnvironmentGroupView.ManageAccess access = new EnvironmentGroupView.ManageAccess(false, List.of());
        long revision = 0;
        if (past != null) {
            revision = past.revision();
            OrganizationState state = past;
            access = past.team(team.id())
                    .flatMap(pastTeam -> pastTeam.group(environment)
                            .map(group -> EnvironmentGroupView.manageAccess(state, pastTeam, group, instant)))
                    .orElse(access);
        }
        return new AccessAt(environment, team.id(), instant, revision, access);
    }

    private EnvironmentGroupView send(Caller caller, String teamId, String environment, OrganizationCommand command) {
        long revision = commands.send(caller, command);
        return changed(teamId, environment, revision);
    }

    /** The group after the change, carrying the change's revision (later changes may already be visible). */
    private EnvironmentGroupView changed(String teamId, String environment, long revision) {
        EnvironmentGroupView view = get(teamId, environment);
        return new EnvironmentGroupView(view.name(), view.teamId(), view.teamName(), view.manageAccess(), revision);
    }

    private OrganizationState organization() {
        return reader.current(callers.get().requireOrganization());
    }

    private Team visibleTeam(OrganizationState state, String teamId) {
        String userId = callers.get().userId();
        return state.team(teamId)
                .filter(team -> state.member(userId).isPresent() && state.canSee(team, userId))
                .orElseThrow(() -> DomainException.notFound("no such team"));
    }

    private static boolean concernsGroup(OrganizationState before, EnvironmentEvent event, String teamId,
                                         String environment) {
        if (event instanceof GroupEvent e) {
            return e.teamId().equals(teamId) && e.environment().equals(environment);
        } else if (event instanceof MemberRemoved e) {
            return holdsGrant(before, teamId, environment, e.userId());
        } else if (event instanceof TeamMemberRemoved e) {
            return e.teamId().equals(teamId) && holdsGrant(before, teamId, environment, e.userId());
        }
        return false;
    }

    /** Membership changes that end a grant belong to the group's history too. */
    private static boolean holdsGrant(OrganizationState state, String teamId, String environment, String userId) {
        return state.team(teamId).flatMap(team -> team.group(environment))
                .map(group -> group.grants().containsKey(userId)).orElse(false);
    }

    private static Map<String, Object> actor(OrganizationState state, String actorId) {
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("user_id", actorId);
        state.member(actorId).ifPresent(member -> {
            actor.put("email", member.email());
            actor.put("name", member.name());
        });
        return actor;
    }
}
