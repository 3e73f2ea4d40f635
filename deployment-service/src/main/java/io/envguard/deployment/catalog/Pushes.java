package io.envguard.deployment.catalog;

import io.envguard.deployment.authz.Caller;
import io.envguard.deployment.deployment.CreateDeployment;
import io.envguard.deployment.deployment.DeploymentArchive;
import io.envguard.deployment.deployment.DeploymentService;
import io.envguard.deployment.deployment.DeploymentView;
import io.envguard.deployment.promotion.PromoteRequest;
import io.envguard.deployment.promotion.PromotionService;
import io.envguard.deployment.workload.WorkloadKind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What {@code truss push} does: a model created with its first deployment, or a deployment added to one, each
 * promoted into the environment its payload names ({@code environment_name}) once created. The steps are the
 * services' own writes, one after another: the promote is guarded like any other, and a denied one (403) leaves the
 * model and deployment created but serving nothing.
 */
@ApplicationScoped
public class Pushes {

    private final WorkloadCatalog workloads;
    private final DeploymentService deployments;
    private final PromotionService promotions;

    Pushes(WorkloadCatalog workloads, DeploymentService deployments, PromotionService promotions) {
        this.workloads = workloads;
        this.deployments = deployments;
        this.promotions = promotions;
    }

    /**
     * {@code POST /v1/models} and {@code POST /v1/teams/{team_id}/models}: the model and its first deployment (of
     * default settings for Envguard's {@code {"name"}} body and for a library listing).
     */
    public Uni<CreatedModelDeployment> createModel(Caller caller, String teamId, CreateWorkload request) {
        CreateWorkload body = request == null ? new CreateWorkload(null, null, null) : request;
        String name = body.modelName();
        DeploymentArchive archive = body.source() == null ? null : body.source().archive();
        CreateDeployment first = archive == null ? new CreateDeployment(null, null, null, null, null) : archive.toCreate();
        return workloads.create(caller, WorkloadKind.MODEL, name, teamId != null ? teamId : body.teamId())
                .flatMap(model -> pushed(caller, WorkloadKind.MODEL, model.id().toString(), first, archive));
    }

    /** {@code POST /v1/models/{model_id}/deployments}: the new deployment and its model. */
    public Uni<CreatedModelDeployment> pushToModel(Caller caller, String modelId, CreateDeployment request) {
        DeploymentArchive archive = request == null || request.source() == null ? null : request.source().archive("source");
        return pushed(caller, WorkloadKind.MODEL, modelId, request, archive);
    }

    /** {@code POST /v1/chains/{chain_id}/deployments} (Envguard's own): the new chain deployment. */
    public Uni<DeploymentView> pushToChain(Caller caller, String chainId, CreateDeployment request) {
        return deployments.create(caller, WorkloadKind.CHAIN, chainId, request);
    }

    private Uni<CreatedModelDeployment> pushed(Caller caller, WorkloadKind kind, String modelId, CreateDeployment request,
                                               DeploymentArchive archive) {
        return deployments.create(caller, kind, modelId, request)
                .flatMap(deployment -> archive == null || archive.environmentName() == null
                        ? Uni.createFrom().item(deployment)
                        : promotions.promote(caller, kind, modelId, archive.environmentName(), deployment.id().toString(),
                                new PromoteRequest(null, null, null, archive.preserveEnvInstanceType())))
                .flatMap(deployment -> workloads.get(caller, kind, modelId)
                        .map(model -> new CreatedModelDeployment(model, deployment, null)));
    }
}
