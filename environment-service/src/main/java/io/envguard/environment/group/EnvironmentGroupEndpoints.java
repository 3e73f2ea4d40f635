package io.envguard.environment.group;

import io.envguard.environment.consistency.Revisions;
import io.envguard.environment.group.EnvironmentGroupService.AccessAt;
import io.envguard.environment.group.EnvironmentGroupService.ChangeGroupRequest;
import io.envguard.environment.group.EnvironmentGroupService.CreateGroupRequest;
import io.envguard.environment.group.EnvironmentGroupService.GrantRequest;
import io.envguard.environment.group.EnvironmentGroupService.History;
import io.envguard.environment.group.EnvironmentGroupService.Page;
import io.envguard.environment.error.DomainException;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The environment-group endpoints of one team: mounted at {@code /v1/environment_groups} for the default team and, by
 * {@code TeamResource}, at {@code /v1/teams/{team_id}/environment_groups}.
 */
@Authenticated
public class EnvironmentGroupEndpoints {

    private final EnvironmentGroupService groups;
    private final String teamId;

    public EnvironmentGroupEndpoints(EnvironmentGroupService groups, String teamId) {
        this.groups = groups;
        this.teamId = teamId;
    }

    @GET
    public Page list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return groups.list(teamId, limit, cursor);
    }

    @POST
    public Response create(CreateGroupRequest request) {
        EnvironmentGroupView changed = groups.create(teamId, request);
        return Revisions.created(changed, changed.revision());
    }

    @GET
    @Path("{env_name}")
    public Response get(@PathParam("env_name") String environment) {
        EnvironmentGroupView group = groups.get(teamId, environment);
        return Response.ok(group).header("ETag", "\"" + group.revision() + "\"").build();
    }

    @PATCH
    @Path("{env_name}")
    public Response change(@PathParam("env_name") String environment, @HeaderParam("If-Match") String ifMatch,
                           ChangeGroupRequest request) {
        EnvironmentGroupView changed = groups.change(teamId, environment, request, expectedRevision(ifMatch));
        return Revisions.ok(changed, changed.revision());
    }

    @PUT
    @Path("{env_name}/grants/{user_id}")
    public Response grant(@PathParam("env_name") String environment, @PathParam("user_id") String userId,
                          GrantRequest request) {
        EnvironmentGroupView changed = groups.grant(teamId, environment, userId, request);
        return Revisions.ok(changed, changed.revision());
    }

    @DELETE
    @Path("{env_name}/grants/{user_id}")
    public Response revoke(@PathParam("env_name") String environment, @PathParam("user_id") String userId) {
        EnvironmentGroupView changed = groups.revoke(teamId, environment, userId);
        return Revisions.ok(changed, changed.revision());
    }

    @GET
    @Path("{env_name}/history")
    public History history(@PathParam("env_name") String environment) {
        return groups.history(teamId, environment);
    }

    @GET
    @Path("{env_name}/access")
    public AccessAt access(@PathParam("env_name") String environment, @QueryParam("at") String at) {
        return groups.accessAt(teamId, environment, instant(at));
    }

    /** {@code If-Match: 42}, {@code "42"} or {@code W/"42"}; absent means "whatever the current revision is". */
    private static Long expectedRevision(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw DomainException.invalid("If-Match", "must be a revision number");
        }
    }

    private static Instant instant(String at) {
        if (at == null || at.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(at).toInstant();
        } catch (DateTimeParseException e) {
            throw DomainException.invalid("at", "must be an ISO-8601 instant, e.g. 2026-01-31T12:00:00Z");
        }
    }
}
