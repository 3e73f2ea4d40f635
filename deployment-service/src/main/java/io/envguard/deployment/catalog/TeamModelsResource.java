package io.envguard.deployment.catalog;

import io.envguard.deployment.authz.CallerContext;
import io.envguard.deployment.workload.WorkloadKind;
import io.envguard.deployment.workload.WorkloadView;
import io.envguard.edge.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

/** The models of one team ({@code /v1/teams/{team_id}/models}): those the caller can see there, and creation in it. */
@Path("/v1/teams/{team_id}/models")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TeamModelsResource {

    private final CallerContext caller;
    private final WorkloadCatalog workloads;
    private final Pushes pushes;

    TeamModelsResource(CallerContext caller, WorkloadCatalog workloads, Pushes pushes) {
        this.caller = caller;
        this.workloads = workloads;
        this.pushes = pushes;
    }

    @GET
    public Uni<Map<String, List<WorkloadView>>> list(@PathParam("team_id") String teamId, @QueryParam("name") String name) {
        return workloads.list(caller.get(), WorkloadKind.MODEL, teamId, name).map(models -> Map.of("models", models));
    }

    @POST
    public Uni<CreatedModelDeployment> create(@PathParam("team_id") String teamId, CreateWorkload request) {
        if (request != null && request.teamId() != null && !request.teamId().equals(teamId)) {
            throw ApiException.validation("team_id", "the path names the team");
        }
        return pushes.createModel(caller.get(), teamId, request);
    }
}
