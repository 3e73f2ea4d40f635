package io.envguard.environment.team;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.envguard.environment.apikey.ApiKeyService;
import io.envguard.environment.apikey.ApiKeyService.CreateApiKeyRequest;
import io.envguard.environment.apikey.ApiKeyService.CreatedApiKey;
import io.envguard.environment.consistency.Revisions;
import io.envguard.environment.group.EnvironmentGroupEndpoints;
import io.envguard.environment.group.EnvironmentGroupService;
import io.envguard.environment.identity.Caller;
import io.envguard.environment.identity.CurrentCaller;
import io.envguard.environment.error.DomainException;
import io.envguard.environment.naming.Names;
import io.envguard.environment.organization.OrganizationCommand.AddTeamMember;
import io.envguard.environment.organization.OrganizationCommand.CreateTeam;
import io.envguard.environment.organization.OrganizationCommand.RemoveTeamMember;
import io.envguard.environment.organization.OrganizationCommands;
import io.envguard.environment.organization.OrganizationReader;
import io.envguard.environment.organization.OrganizationState;
import io.envguard.environment.organization.OrganizationState.Team;
import io.envguard.contract.event.Role;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Teams of the caller's organisation, their members, their API keys and (by locator) their environment groups. */
@Path("/v1/teams")
@Authenticated
public class TeamResource {

    public record CreateTeamRequest(String name) {
    }

    public record AddTeamMemberRequest(String userId, Role role) {
    }

    public record TeamMemberView(String userId, String email, String name, Role role) {
    }

    /** Baseten's {@code TeamV1}, with the team's members and, for a change, its revision beside it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TeamView(String id, String name, @JsonProperty("default") boolean isDefault, Instant createdAt,
                           List<TeamMemberView> members, Long revision) {
    }

    /** Baseten's {@code TeamsV1}. */
    public record TeamList(List<TeamView> teams) {
    }

    private final CurrentCaller callers;
    private final OrganizationCommands commands;
    private final OrganizationReader reader;
    private final EnvironmentGroupService groups;
    private final ApiKeyService apiKeys;

    TeamResource(CurrentCaller callers, OrganizationCommands commands, OrganizationReader reader,
                 EnvironmentGroupService groups, ApiKeyService apiKeys) {
        this.callers = callers;
        this.commands = commands;
        this.reader = reader;
        this.groups = groups;
        this.apiKeys = apiKeys;
    }

    @POST
    public Response create(CreateTeamRequest request) {
        Caller caller = callers.get();
        String teamId = UUID.randomUUID().toString();
        String name = Names.requireDisplayName("name", request == null ? null : request.name());
        long revision = commands.send(caller, new CreateTeam(caller.requireOrganization(), caller.userId(), teamId,
                name));
        Team created = reader.current(caller.requireOrganization()).team(teamId).orElseThrow();
        return Revisions.created(new TeamView(teamId, name, false, created.createdAt(), null, revision), revision);
    }

    /** The teams the caller sees; {@code name} keeps only the team of that exact name, if any. */
    @GET
    public TeamList list(@QueryParam("name") String name) {
        Caller caller = callers.get();
        OrganizationState state = reader.current(caller.requireOrganization());
        return new TeamList(state.teams().stream()
                .filter(team -> state.canSee(team, caller.userId()))
                .filter(team -> name == null || team.name().equals(name))
                .map(team -> view(state, team))
                .toList());
    }

    @GET
    @Path("{team_id}")
    public TeamView get(@PathParam("team_id") String teamId) {
        Caller caller = callers.get();
        OrganizationState state = reader.current(caller.requireOrganization());
        return view(state, visibleTeam(state, teamId, caller));
    }

    @POST
    @Path("{team_id}/members")
    public Response addMember(@PathParam("team_id") String teamId, AddTeamMemberRequest request) {
        Caller caller = callers.get();
        if (request == null || request.userId() == null) {
            throw DomainException.invalid("user_id", "is required");
        }
        if (request.role() == null) {
            throw DomainException.invalid("role", "must be ADMIN or MEMBER");
        }
        long revision = commands.send(caller, new AddTeamMember(caller.requireOrganization(), caller.userId(),
                teamId, request.userId(), request.role()));
        return Revisions.created(Map.of("team_id", teamId, "user_id", request.userId(),
                "role", request.role(), "revision", revision), revision);
    }

    @DELETE
    @Path("{team_id}/members/{user_id}")
    public Response removeMember(@PathParam("team_id") String teamId, @PathParam("user_id") String userId) {
        Caller caller = callers.get();
        long revision = commands.send(caller,
                new RemoveTeamMember(caller.requireOrganization(), caller.userId(), teamId, userId));
        return Revisions.ok(Map.of("team_id", teamId, "user_id", userId, "revision", revision), revision);
    }

    /** A team key: the caller's own key, labelled with this team (see {@link ApiKeyService}). */
    @POST
    @Path("{team_id}/api_keys")
    public Response createApiKey(@PathParam("team_id") String teamId, CreateApiKeyRequest request) {
        CreatedApiKey created = apiKeys.create(teamId, request);
        return Revisions.ok(created, created.revision());
    }

    @Path("{team_id}/environment_groups")
    public EnvironmentGroupEndpoints environmentGroups(@PathParam("team_id") String teamId) {
        return new EnvironmentGroupEndpoints(groups, teamId);
    }

    private static Team visibleTeam(OrganizationState state, String teamId, Caller caller) {
        return state.team(teamId)
                .filter(team -> state.canSee(team, caller.userId()))
                .orElseThrow(() -> DomainException.notFound("no such team"));
    }

    private static TeamView view(OrganizationState state, Team team) {
        List<TeamMemberView> members = state.members().stream()
                .filter(member -> state.isTeamMember(team, member.userId()))
                .map(member -> new TeamMemberView(member.userId(), member.email(), member.name(),
                        state.teamRole(team, member.userId()).orElseThrow()))
                .toList();
        return new TeamView(team.id(), team.name(), team.isDefault(), team.createdAt(), members, null);
    }
}
