package io.envguard.deployment.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.envguard.deployment.audit.AuditLogFilters;
import io.envguard.deployment.audit.AuditLogQuery;
import io.envguard.deployment.audit.AuditLogQuery.AuditLogView;
import io.envguard.deployment.authz.Action;
import io.envguard.deployment.authz.CallerContext;
import io.envguard.deployment.deployment.AutoscalingSettings;
import io.envguard.deployment.deployment.AutoscalingUpdated;
import io.envguard.deployment.deployment.ChainletInstanceTypes;
import io.envguard.deployment.deployment.ChainletInstanceTypesUpdated;
import io.envguard.deployment.deployment.CreateDeployment;
import io.envguard.deployment.deployment.DeploymentLifecycle;
import io.envguard.deployment.deployment.DeploymentService;
import io.envguard.deployment.deployment.DeploymentSettings;
import io.envguard.deployment.deployment.DeploymentTombstone;
import io.envguard.deployment.deployment.DeploymentView;
import io.envguard.deployment.deployment.RequestBackpressureSettings;
import io.envguard.deployment.deployment.StatusChanged;
import io.envguard.deployment.deployment.UpdateChainletInstanceTypes;
import io.envguard.deployment.deployment.UpdateRequestBackpressureSettings;
import io.envguard.deployment.environment.ChainletAutoscalingUpdate;
import io.envguard.deployment.environment.EnvironmentRequest;
import io.envguard.deployment.environment.EnvironmentService;
import io.envguard.deployment.environment.EnvironmentTombstone;
import io.envguard.deployment.environment.EnvironmentUpdated;
import io.envguard.deployment.environment.EnvironmentView;
import io.envguard.deployment.inference.InferenceService;
import io.envguard.deployment.promotion.CancelPromotionResponse;
import io.envguard.deployment.promotion.PromoteRequest;
import io.envguard.deployment.promotion.PromotionControls;
import io.envguard.deployment.promotion.PromotionControls.Control;
import io.envguard.deployment.promotion.PromotionService;
import io.envguard.deployment.promotion.SignalPromotionResponse;
import io.envguard.deployment.telemetry.LogQuery;
import io.envguard.deployment.telemetry.Logs;
import io.envguard.deployment.telemetry.Metrics;
import io.envguard.deployment.telemetry.MetricsQuery;
import io.envguard.deployment.telemetry.Telemetry;
import io.envguard.deployment.web.Page;
import io.envguard.deployment.workload.Environment;
import io.envguard.deployment.workload.WorkloadKind;
import io.envguard.deployment.workload.WorkloadTombstone;
import io.envguard.deployment.workload.WorkloadView;
import io.envguard.edge.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
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
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Models ({@code /v1/models}) and chains ({@code /v1/chains}): the same paths, the same rules, in the shapes of
 * Baseten's management API. The transport only reads the request and hands it to the service that owns the rule.
 */
@Path("/v1/{kind: models|chains}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CatalogResource {

    private final CallerContext caller;
    private final WorkloadCatalog workloads;
    private final DeploymentService deployments;
    private final EnvironmentService environments;
    private final PromotionService promotions;
    private final InferenceService inference;
    private final Pushes pushes;
    private final AuditLogQuery auditLog;
    private final WorkloadDeletion deletion;
    private final DeploymentLifecycle lifecycle;
    private final PromotionControls controls;
    private final ChainletInstanceTypes chainletInstanceTypes;
    private final Telemetry telemetry;

    CatalogResource(CallerContext caller, WorkloadCatalog workloads, DeploymentService deployments,
                    EnvironmentService environments, PromotionService promotions, InferenceService inference,
                    Pushes pushes, AuditLogQuery auditLog, WorkloadDeletion deletion, DeploymentLifecycle lifecycle,
                    PromotionControls controls, ChainletInstanceTypes chainletInstanceTypes, Telemetry telemetry) {
        this.caller = caller;
        this.pushes = pushes;
        this.auditLog = auditLog;
        this.workloads = workloads;
        this.deployments = deployments;
        this.environments = environments;
        this.promotions = promotions;
        this.inference = inference;
        this.deletion = deletion;
        this.lifecycle = lifecycle;
        this.controls = controls;
        this.chainletInstanceTypes = chainletInstanceTypes;
        this.telemetry = telemetry;
    }

    /**
     * Models: Baseten's create (200, the model with its first deployment). Chains (Envguard's own): 201, the chain.
     */
    @POST
    public Uni<RestResponse<Object>> create(@PathParam("kind") String kind, CreateWorkload request) {
        if (kindOf(kind) == WorkloadKind.MODEL) {
            return pushes.createModel(caller.get(), null, request).map(RestResponse::ok);
        }
        if (request == null || request.source() != null) {
            throw ApiException.validation("name", "a chain is created from its name; source is for models");
        }
        return workloads.create(caller.get(), WorkloadKind.CHAIN, request.name(), request.teamId())
                .map(chain -> RestResponse.status(RestResponse.Status.CREATED, chain));
    }

    @GET
    public Uni<Map<String, List<WorkloadView>>> list(@PathParam("kind") String kind, @QueryParam("name") String name) {
        return workloads.list(caller.get(), kindOf(kind), null, name).map(items -> Map.of(kind, items));
    }

    @GET
    @Path("/{id}")
    public Uni<WorkloadView> get(@PathParam("kind") String kind, @PathParam("id") String id) {
        return workloads.get(caller.get(), kindOf(kind), id);
    }

    // Deployments

    /** Models: Baseten's push (200, the deployment and its model). Chains (Envguard's own): 201, the chain deployment. */
    @POST
    @Path("/{id}/deployments")
    public Uni<RestResponse<Object>> push(@PathParam("kind") String kind, @PathParam("id") String id, CreateDeployment request) {
        if (kindOf(kind) == WorkloadKind.MODEL) {
            return pushes.pushToModel(caller.get(), id, request).map(RestResponse::ok);
        }
        return pushes.pushToChain(caller.get(), id, request)
                .map(deployment -> RestResponse.status(RestResponse.Status.CREATED, deployment));
    }

    @GET
    @Path("/{id}/deployments")
    public Uni<Map<String, List<DeploymentView>>> deployments(@PathParam("kind") String kind, @PathParam("id") String id,
                                                              @QueryParam("name") String name) {
        return deployments.list(caller.get(), kindOf(kind), id, name).map(items -> Map.of("deployments", items));
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
    public Uni<AutoscalingUpdated> updateAutoscaling(@PathParam("kind") String kind, @PathParam("id") String id,
                                                     @PathParam("deployment_id") String deploymentId, AutoscalingSettings settings) {
        if (settings == null) {
            throw ApiException.badRequest("a JSON body is required");
        }
        return deployments.update(caller.get(), kindOf(kind), id, deploymentId, new DeploymentSettings(null, null, settings),
                Action.UPDATE_AUTOSCALING).map(AutoscalingUpdated::of);
    }

    @POST
    @Path("/{id}/deployments/{deployment_id}/promote")
    public Uni<DeploymentView> promoteToProduction(@PathParam("kind") String kind, @PathParam("id") String id,
                                                   @PathParam("deployment_id") String deploymentId, PromoteRequest request) {
        return promotions.promote(caller.get(), kindOf(kind), id, Environment.PRODUCTION, deploymentId, request);
    }

    // Environments

    @GET
    @Path("/{id}/environments")
    public Uni<Map<String, List<EnvironmentView>>> environments(@PathParam("kind") String kind, @PathParam("id") String id) {
        return environments.list(caller.get(), kindOf(kind), id).map(items -> Map.of("environments", items));
    }

    @POST
    @Path("/{id}/environments")
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
    public Uni<EnvironmentUpdated> updateEnvironment(@PathParam("kind") String kind, @PathParam("id") String id,
                                                     @PathParam("env_name") String name, EnvironmentRequest request) {
        return environments.update(caller.get(), kindOf(kind), id, name, request);
    }

    @DELETE
    @Path("/{id}/environments/{env_name}")
    public Uni<EnvironmentTombstone> deleteEnvironment(@PathParam("kind") String kind, @PathParam("id") String id,
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
    public Uni<AutoscalingUpdated> updateChainletAutoscaling(@PathParam("kind") String kind, @PathParam("id") String id,
                                                             @PathParam("env_name") String name, ChainletAutoscalingUpdate request) {
        if (kindOf(kind) != WorkloadKind.CHAIN) {
            throw ApiException.notFound("chainlet settings of a model");
        }
        return environments.updateChainletAutoscaling(caller.get(), id, name, request);
    }

    // Audit log

    @GET
    @Path("/{id}/audit_logs")
    public Uni<Page<AuditLogView>> auditLogs(@PathParam("kind") String kind, @PathParam("id") String id,
                                             @BeanParam AuditLogFilters filters) {
        return auditLog.ofWorkload(caller.get(), kindOf(kind), id, filters);
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

    // Lifecycle: deleting, activating and deactivating, promotion controls, backpressure, chainlet instance types

    @DELETE
    @Path("/{id}")
    public Uni<WorkloadTombstone> delete(@PathParam("kind") String kind, @PathParam("id") String id) {
        return deletion.delete(caller.get(), kindOf(kind), id);
    }

    @DELETE
    @Path("/{id}/deployments/{deployment_id}")
    public Uni<DeploymentTombstone> deleteDeployment(@PathParam("kind") String kind, @PathParam("id") String id,
                                                     @PathParam("deployment_id") String deploymentId) {
        return lifecycle.delete(caller.get(), kindOf(kind), id, deploymentId);
    }

    @POST
    @Path("/{id}/deployments/{deployment_id}/activate")
    public Uni<StatusChanged> activate(@PathParam("kind") String kind, @PathParam("id") String id,
                                       @PathParam("deployment_id") String deploymentId) {
        return lifecycle.activate(caller.get(), kindOf(kind), id, deploymentId);
    }

    @POST
    @Path("/{id}/deployments/{deployment_id}/deactivate")
    public Uni<StatusChanged> deactivate(@PathParam("kind") String kind, @PathParam("id") String id,
                                         @PathParam("deployment_id") String deploymentId) {
        return lifecycle.deactivate(caller.get(), kindOf(kind), id, deploymentId);
    }

    @POST
    @Path("/{id}/environments/{env_name}/activate")
    public Uni<StatusChanged> activateEnvironment(@PathParam("kind") String kind, @PathParam("id") String id,
                                                  @PathParam("env_name") String name) {
        return lifecycle.activateEnvironment(caller.get(), kindOf(kind), id, name);
    }

    @POST
    @Path("/{id}/environments/{env_name}/deactivate")
    public Uni<StatusChanged> deactivateEnvironment(@PathParam("kind") String kind, @PathParam("id") String id,
                                                    @PathParam("env_name") String name) {
        return lifecycle.deactivateEnvironment(caller.get(), kindOf(kind), id, name);
    }

    @POST
    @Path("/{id}/environments/{env_name}/cancel_promotion")
    public Uni<CancelPromotionResponse> cancelPromotion(@PathParam("kind") String kind, @PathParam("id") String id,
                                                        @PathParam("env_name") String name) {
        return controls.cancel(caller.get(), kindOf(kind), id, name);
    }

    @POST
    @Path("/{id}/environments/{env_name}/pause_promotion")
    public Uni<SignalPromotionResponse> pausePromotion(@PathParam("kind") String kind, @PathParam("id") String id,
                                                       @PathParam("env_name") String name) {
        return controls.signal(caller.get(), kindOf(kind), id, name, Control.PAUSE_PROMOTION);
    }

    @POST
    @Path("/{id}/environments/{env_name}/resume_promotion")
    public Uni<SignalPromotionResponse> resumePromotion(@PathParam("kind") String kind, @PathParam("id") String id,
                                                        @PathParam("env_name") String name) {
        return controls.signal(caller.get(), kindOf(kind), id, name, Control.RESUME_PROMOTION);
    }

    @POST
    @Path("/{id}/environments/{env_name}/force_cancel_promotion")
    public Uni<SignalPromotionResponse> forceCancelPromotion(@PathParam("kind") String kind, @PathParam("id") String id,
                                                             @PathParam("env_name") String name) {
        return controls.signal(caller.get(), kindOf(kind), id, name, Control.FORCE_CANCEL_PROMOTION);
    }

    @POST
    @Path("/{id}/environments/{env_name}/force_roll_forward_promotion")
    public Uni<SignalPromotionResponse> forceRollForwardPromotion(@PathParam("kind") String kind, @PathParam("id") String id,
                                                                  @PathParam("env_name") String name) {
        return controls.signal(caller.get(), kindOf(kind), id, name, Control.FORCE_ROLL_FORWARD_PROMOTION);
    }

    @PATCH
    @Path("/{id}/deployments/{deployment_id}/request_backpressure_settings")
    public Uni<RequestBackpressureSettings> updateBackpressure(@PathParam("kind") String kind, @PathParam("id") String id,
                                                               @PathParam("deployment_id") String deploymentId,
                                                               UpdateRequestBackpressureSettings request) {
        return lifecycle.updateBackpressure(caller.get(), kindOf(kind), id, deploymentId, request);
    }

    @POST
    @Path("/{id}/environments/{env_name}/chainlet_settings/instance_types/update")
    public Uni<ChainletInstanceTypesUpdated> updateChainletInstanceTypes(@PathParam("kind") String kind, @PathParam("id") String id,
                                                                         @PathParam("env_name") String name,
                                                                         UpdateChainletInstanceTypes request) {
        if (kindOf(kind) != WorkloadKind.CHAIN) {
            throw ApiException.notFound("chainlet settings of a model");
        }
        return chainletInstanceTypes.update(caller.get(), id, name, request);
    }

    // Logs and metrics of the stand-in runtime (Baseten's shapes)

    @GET
    @Path("/{id}/deployments/{deployment_id}/logs")
    public Uni<Logs> deploymentLogs(@PathParam("kind") String kind, @PathParam("id") String id,
                                    @PathParam("deployment_id") String deploymentId, @BeanParam LogParams params) {
        return telemetry.deploymentLogs(caller.get(), kindOf(kind), id, deploymentId, params.query());
    }

    @GET
    @Path("/{id}/deployments/{deployment_id}/metrics")
    public Uni<Metrics> deploymentMetrics(@PathParam("kind") String kind, @PathParam("id") String id,
                                          @PathParam("deployment_id") String deploymentId, @BeanParam MetricsParams params) {
        return telemetry.deploymentMetrics(caller.get(), kindOf(kind), id, deploymentId, params.query());
    }

    @GET
    @Path("/{id}/environments/{env_name}/logs")
    public Uni<Logs> environmentLogs(@PathParam("kind") String kind, @PathParam("id") String id,
                                     @PathParam("env_name") String name, @BeanParam LogParams params) {
        return telemetry.environmentLogs(caller.get(), kindOf(kind), id, name, params.query());
    }

    @GET
    @Path("/{id}/environments/{env_name}/metrics")
    public Uni<Metrics> environmentMetrics(@PathParam("kind") String kind, @PathParam("id") String id,
                                           @PathParam("env_name") String name, @BeanParam MetricsParams params) {
        return telemetry.environmentMetrics(caller.get(), kindOf(kind), id, name, params.query());
    }

    /** The deprecated POST form of the deployment's logs: the query in the body. */
    @POST
    @Path("/{id}/deployments/{deployment_id}/logs")
    public Uni<Logs> deploymentLogsQueried(@PathParam("kind") String kind, @PathParam("id") String id,
                                    @PathParam("deployment_id") String deploymentId, LogQuery query) {
        return telemetry.deploymentLogs(caller.get(), kindOf(kind), id, deploymentId, query);
    }

    @GET
    @Path("/{id}/deployments/{deployment_id}/chainlets/{chainlet_id}/logs")
    public Uni<Logs> chainletLogs(@PathParam("kind") String kind, @PathParam("id") String id,
                                  @PathParam("deployment_id") String deploymentId, @PathParam("chainlet_id") String chainlet,
                                  @BeanParam LogParams params) {
        if (kindOf(kind) != WorkloadKind.CHAIN) {
            throw ApiException.notFound("chainlets of a model");
        }
        return telemetry.chainletLogs(caller.get(), id, deploymentId, chainlet, params.query());
    }

    /** The query parameters of a logs read, as text: {@link LogQuery#fromQuery} names the ones that are wrong. */
    public static class LogParams {
        @QueryParam("start_epoch_millis") String start;
        @QueryParam("end_epoch_millis") String end;
        @QueryParam("direction") String direction;
        @QueryParam("limit") String limit;
        @QueryParam("min_level") String minLevel;
        @QueryParam("replica") String replica;
        @QueryParam("request_id") String requestId;
        @QueryParam("component") String component;
        @QueryParam("search_pattern") String searchPattern;
        @QueryParam("includes") List<String> includes;
        @QueryParam("excludes") List<String> excludes;

        LogQuery query() {
            return LogQuery.fromQuery(start, end, direction, limit, minLevel, replica, requestId, component, searchPattern,
                    includes, excludes);
        }
    }

    /** The query parameters of a metrics read, as text: {@link MetricsQuery#fromQuery} names the ones that are wrong. */
    public static class MetricsParams {
        @QueryParam("mode") String mode;
        @QueryParam("start_epoch_millis") String start;
        @QueryParam("end_epoch_millis") String end;
        @QueryParam("metrics") List<String> metrics;

        MetricsQuery query() {
            return MetricsQuery.fromQuery(mode, start, end, metrics, Instant.now());
        }
    }

    private static WorkloadKind kindOf(String segment) {
        return WorkloadKind.ofPath(segment);
    }
}
