package io.envguard.deployment.promotion;

import io.envguard.deployment.audit.Change;
import io.envguard.deployment.authz.Action;
import io.envguard.deployment.authz.Caller;
import io.envguard.deployment.authz.GuardedWrites;
import io.envguard.deployment.deployment.Deployment;
import io.envguard.deployment.deployment.DeploymentService;
import io.envguard.deployment.deployment.DeploymentStatus;
import io.envguard.deployment.deployment.DeploymentView;
import io.envguard.deployment.environment.Environment;
import io.envguard.deployment.environment.EnvironmentService;
import io.envguard.deployment.environment.PromotionSettings;
import io.envguard.deployment.error.ApiException;
import io.envguard.deployment.workload.Workload;
import io.envguard.deployment.workload.WorkloadKind;
import io.envguard.deployment.workload.WorkloadService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.UUID;

/**
 * Makes a deployment the current one of an environment — guarded by {@code PROMOTE} on that environment, and done in
 * one transaction: the new current deployment, the fate of the previous one and the audit entry, or nothing.
 */
@ApplicationScoped
public class PromotionService {

    private final WorkloadService workloads;
    private final DeploymentService deployments;
    private final EnvironmentService environments;
    private final GuardedWrites writes;

    PromotionService(WorkloadService workloads, DeploymentService deployments, EnvironmentService environments,
                     GuardedWrites writes) {
        this.workloads = workloads;
        this.deployments = deployments;
        this.environments = environments;
        this.writes = writes;
    }

    private record Promotion(Workload workload, UUID environmentId, String environment, UUID deploymentId) {
    }

    public Uni<DeploymentView> promote(Caller caller, WorkloadKind kind, String workloadId, String environmentName,
                                       PromoteRequest request) {
        if (request == null || request.deploymentId() == null || request.deploymentId().isBlank()) {
            throw ApiException.validation("deployment_id", "is required");
        }
        return promote(caller, kind, workloadId, environmentName, request.deploymentId(), request);
    }

    /** Promotes the deployment the reference names; {@code options} may be null (all defaults). */
    public Uni<DeploymentView> promote(Caller caller, WorkloadKind kind, String workloadId, String environmentName,
                                       String deploymentRef, PromoteRequest options) {
        Boolean scaleDownPrevious = options == null ? null : options.scaleDownPreviousDeployment();
        boolean preserveInstanceType = options != null && Boolean.TRUE.equals(options.preserveEnvInstanceType());
        return writes.<Promotion, DeploymentView>runAsking(caller, workloads.placement(kind, workloadId),
                () -> workloads.visible(caller, kind, workloadId),
                workload -> List.of(new Change(Action.PROMOTE, environmentName, workload, null, options)),
                workload -> environments.find(workload, environmentName)
                        .flatMap(environment -> deployments.resolve(caller, workload, deploymentRef, "deployment_id")
                                .map(deployment -> new Promotion(workload, environment.id, environment.name, deployment.id))),
                promotion -> List.of(new Change(Action.PROMOTE, promotion.environment(), promotion.workload(),
                        promotion.deploymentId(), options)),
                promotion -> apply(promotion, scaleDownPrevious, preserveInstanceType));
    }

    private Uni<DeploymentView> apply(Promotion promotion, Boolean scaleDownPrevious, boolean preserveInstanceType) {
        // Locked, so that promotions into one environment follow one another and each sees the deployment it replaces.
        return Environment.<Environment>findById(promotion.environmentId(), LockModeType.PESSIMISTIC_WRITE).flatMap(environment -> {
            if (environment == null) {
                throw ApiException.notFound("environment " + promotion.environment());
            }
            UUID previous = environment.currentDeploymentId;
            environment.currentDeploymentId = promotion.deploymentId();
            environment.candidateDeploymentId = null;
            String cleanup = cleanupStrategy(environment.promotionSettings, scaleDownPrevious);
            Uni<String> previousInstanceType = previous == null || !preserveInstanceType
                    ? Uni.createFrom().nullItem()
                    : Deployment.<Deployment>findById(previous).map(deployment -> deployment.instanceType);
            return previousInstanceType.flatMap(instanceType -> Deployment.<Deployment>findById(promotion.deploymentId())
                    .invoke(deployment -> {
                        deployment.status = DeploymentStatus.ACTIVE;
                        if (instanceType != null) {
                            deployment.instanceType = instanceType;
                        }
                    }))
                    .call(deployment -> previous == null || previous.equals(deployment.id)
                            ? Uni.createFrom().voidItem()
                            : cleanUp(promotion.workload(), previous, cleanup))
                    .call(Panache::flush)
                    .flatMap(deployment -> deployments.view(promotion.workload(), deployment))
                    .map(view -> view.inEnvironment(promotion.environment()));
        });
    }

    /** {@code scale_down_previous_deployment}, when given, overrides the environment's cleanup strategy. */
    static String cleanupStrategy(PromotionSettings settings, Boolean scaleDownPrevious) {
        if (scaleDownPrevious != null) {
            return scaleDownPrevious ? PromotionSettings.SCALE_TO_ZERO : PromotionSettings.KEEP;
        }
        return settings.promotionCleanupStrategy();
    }

    /** The previous deployment is scaled down or deactivated only when no other environment still uses it. */
    private static Uni<Void> cleanUp(Workload workload, UUID previous, String strategy) {
        if (PromotionSettings.KEEP.equals(strategy)) {
            return Uni.createFrom().voidItem();
        }
        return Panache.flush()
                .chain(() -> Environment.count("workloadId = ?1 and currentDeploymentId = ?2", workload.id, previous))
                .chain(stillServing -> stillServing > 0
                        ? Uni.createFrom().voidItem()
                        : Deployment.<Deployment>findById(previous).invoke(deployment -> deployment.status =
                                PromotionSettings.DEACTIVATE.equals(strategy) ? DeploymentStatus.INACTIVE : DeploymentStatus.SCALED_TO_ZERO)
                        .replaceWithVoid());
    }
}
