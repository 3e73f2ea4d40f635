package io.envguard.deployment.workload;

import com.fasterxml.jackson.databind.JsonNode;
import io.envguard.deployment.authz.Action;
import io.envguard.deployment.authz.CallerContext;
import io.envguard.deployment.deployment.AutoscalingSettings;
import io.envguard.deployment.deployment.CreateDeployment;
import io.envguard.deployment.deployment.DeploymentService;
import io.envguard.deployment.deployment.DeploymentSettings;
import io.envguard.deployment.deployment.DeploymentView;
import io.envguard.deployment.environment.ChainletAutoscalingUpdate;
import io.envguard.deployment.environment.Environment;
import io.envguard.deployment.environment.EnvironmentRequest;
import io.envguard.deployment.environment.EnvironmentService;
import io.envguard.deployment.environment.EnvironmentView;
import io.envguard.deployment.error.ApiException;
import io.envguard.deployment.inference.InferenceService;
import io.envguard.deployment.promotion.PromoteRequest;
import io.envguard.deployment.promotion.PromotionService;
import io.envguard.deployment.web.Page;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.Map;

/**
 * Models ({@code /v1/models}) and chains ({@code /v1/chains}): the same paths, the same rules. The transport only
 * reads the request and hands it to the service that owns the rule.
 */
@Path("/v1/{kind: models|chains}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CatalogResource {

    private final CallerContext caller;
    private final WorkloadService workloads;
    private final DeploymentService deployments;
    private final EnvironmentService environments;
    private final PromotionService promotions;
    private final InferenceService inference;

    CatalogResource(CallerContext caller, WorkloadService workloads, DeploymentService deployments,
                    EnvironmentService environments, PromotionService promotions, InferenceService inference) {
        this.caller = caller;
        this.workloads = workloads;
        this.deployments = deployments;
        this.environments = environments;
        this.promotions = promotions;
        this.inference = inference;
    }

    @POST
    @ResponseStatus(201)
    public Uni<WorkloadView> create(@PathParam("kind") String kind, CreateWorkload request) {
        return workloads.create(caller.get(), kindOf(kind), request);
    }

    @GET
    public Uni<Page<WorkloadView>> list(@PathParam("kind") String kind, @QueryParam("limit") Integer limit,
                                        @QueryParam("cursor") String cursor) {
        return workloads.list(caller.get(), kindOf(kind), Page.Request.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    public Uni<WorkloadView> get(@PathParam("kind") String kind, @PathParam("id") String id) {
        return workloads.get(caller.get(), kindOf(kind), id);
    }

    // Deployments

    @POST
    @Path("/{id}/deployments")
    @ResponseStatus(201)
    public Uni<DeploymentView> push(@PathParam("kind") String kind, @PathParam("id") String id, CreateDeployment request) {
        return deployments.create(caller.get(), kindOf(kind), id, request);
    }

    @GET
    @Path("/{id}/deployments")
    public Uni<Page<DeploymentView>> deployments(@PathParam("kind") String kind, @PathParam("id") String id,
                                                 @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return deployments.list(caller.get(), kindOf(kind), id, Page.Request.of(limit, cursor));
    }

    @GET
    @Path("/{id}/deployments/{deployment_id}")
    public Uni<DeploymentView> deployment(@PathParam("kind") String kind, @PathParam("id") String id,
                                          @PathParam("deployment_id") String deploymentId) {
        return deployments.get(caller.get(), kindOf(kind), id, deploymentId);
    }

    @PATCH
    @Path("/{id}/deployments/{deployment_id}")
    public Uni<DeploymentView> updateDeployment(@PathParam("kind") String kind, @PathParam("id") String id,
                                                @PathParam("deployment_id") String deploymentId, DeploymentSettings settings) {
        return deployments.update(caller.get(), kindOf(kind), id, deploymentId, settings, Action.UPDATE_DEPLOYMENT);
    }

    @PATCH
    @Path("/{id}/deployments/{deployment_id}/autoscaling_settings")
    public Uni<DeploymentView> updateAutoscaling(@PathParam("kind") String kind, @PathParam("id") String id,
                                                 @PathParam("deployment_id") String deploymentId, AutoscalingSettings settings) {
        if (settings == null) {
            throw ApiException.badRequest("a JSON body is required");
        }
        return deployments.update(caller.get(), kindOf(kind), id, deploymentId, new DeploymentSettings(null, settings),
                Action.UPDATE_AUTOSCALING);
    }

    @POST
    @Path("/{id}/deployments/{deployment_id}/promote")
    public Uni<DeploymentView> promoteToProduction(@PathParam("kind") String kind, @PathParam("id") String id,
                                                   @PathParam("deployment_id") String deploymentId, PromoteRequest request) {
        return promotions.promote(caller.get(), kindOf(kind), id, Environment.PRODUCTION, deploymentId, request);
    }

    @GET
    @Path("/{id}/deployments/{deployment_id}/logs")
    public Uni<Map<String, Object>> logs(@PathParam("kind") String kind, @PathParam("id") String id,
                                         @PathParam("deployment_id") String deploymentId) {
        return deployments.logs(caller.get(), kindOf(kind), id, deploymentId);
    }

    @GET
    @Path("/{id}/deployments/{deployment_id}/metrics")
    public Uni<Map<String, Object>> metrics(@PathParam("kind") String kind, @PathParam("id") String id,
                                            @PathParam("deployment_id") String deploymentId) {
        return deployments.metrics(caller.get(), kindOf(kind), id, deploymentId);
    }

    // Environments

    @GET
    @Path("/{id}/environments")
    public Uni<Page<EnvironmentView>> environments(@PathParam("kind") String kind, @PathParam("id") String id,
                                                   @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return environments.list(caller.get(), kindOf(kind), id, Page.Request.of(limit, cursor));
    }

    @POST
    @Path("/{id}/environments")
    @ResponseStatus(201)
    public Uni<EnvironmentView> createEnvironment(@PathParam("kind") String kind, @PathParam("id") String id,
                                                  EnvironmentRequest request) {
        return environments.create(caller.get(), kindOf(kind), id, request);
    }

    @GET
    @Path("/{id}/environments/{env_name}")
    public Uni<EnvironmentView> environment(@PathParam("kind") String kind, @PathParam("id") String id,
                                            @PathParam("env_name") String name) {
        return environments.get(caller.get(), kindOf(kind), id, name);
    }

    @PATCH
    @Path("/{id}/environments/{env_name}")
    public Uni<EnvironmentView> updateEnvironment(@PathParam("kind") String kind, @PathParam("id") String id,
                                                  @PathParam("env_name") String name, EnvironmentRequest request) {
        return environments.update(caller.get(), kindOf(kind), id, name, request);
    }

    @DELETE
    @Path("/{id}/environments/{env_name}")
    public Uni<Void> deleteEnvironment(@PathParam("kind") String kind, @PathParam("id") String id,
                                       @PathParam("env_name") String name) {
        return environments.delete(caller.get(), kindOf(kind), id, name);
    }

    @POST
    @Path("/{id}/environments/{env_name}/promote")
    public Uni<DeploymentView> promote(@PathParam("kind") String kind, @PathParam("id") String id,
                                       @PathParam("env_name") String name, PromoteRequest request) {
        return promotions.promote(caller.get(), kindOf(kind), id, name, request);
    }

    @PATCH
    @Path("/{id}/environments/{env_name}/chainlet_settings/autoscaling_settings")
    public Uni<DeploymentView> updateChainletAutoscaling(@PathParam("kind") String kind, @PathParam("id") String id,
                                                         @PathParam("env_name") String name, ChainletAutoscalingUpdate request) {
        if (kindOf(kind) != WorkloadKind.CHAIN) {
            throw ApiException.notFound("chainlet settings of a model");
        }
        return environments.updateChainletAutoscaling(caller.get(), id, name, request);
    }

    // Inference: predict for models, run_remote for chains

    @POST
    @Path("/{id}/environments/{env_name}/{call: predict|run_remote}")
    public Uni<Map<String, Object>> call(@PathParam("kind") String kind, @PathParam("id") String id,
                                         @PathParam("env_name") String name, @PathParam("call") String call, JsonNode input) {
        WorkloadKind workloadKind = kindOf(kind);
        if (!call.equals(workloadKind == WorkloadKind.MODEL ? "predict" : "run_remote")) {
            throw ApiException.notFound("path");
        }
        return inference.call(caller.get(), workloadKind, id, name, input);
    }

    private static WorkloadKind kindOf(String segment) {
        return WorkloadKind.ofPath(segment);
    }
}
