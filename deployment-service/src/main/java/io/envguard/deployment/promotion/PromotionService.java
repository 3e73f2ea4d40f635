package io.envguard.deployment.promotion;

import io.envguard.deployment.authz.Action;
import io.envguard.deployment.authz.Caller;
import io.envguard.deployment.deployment.Deployment;
import io.envguard.deployment.deployment.DeploymentService;
import io.envguard.deployment.deployment.DeploymentStatus;
import io.envguard.deployment.deployment.DeploymentView;
import io.envguard.deployment.guard.Change;
import io.envguard.deployment.guard.Effect;
import io.envguard.deployment.guard.GuardedWrites;
import io.envguard.deployment.workload.Environment;
import io.envguard.deployment.workload.PromotionSettings;
import io.envguard.deployment.workload.Workload;
import io.envguard.deployment.workload.WorkloadKind;
import io.envguard.deployment.workload.WorkloadService;
import io.envguard.edge.error.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Makes a deployment the current one of an environment — guarded by {@code PROMOTE} on that environment (and on the
 * environments of what it writes into), and done in one transaction under the model's or chain's lock: the new current
 * deployment, the fate of the previous one and the audit entries, or nothing. Promotes of one model or chain follow one
 * another, each seeing the deployment it replaces.
 */
@ApplicationScoped
public class PromotionService {

    private final WorkloadService workloads;
    private final DeploymentService deployments;
    private final GuardedWrites writes;

    PromotionService(WorkloadService workloads, DeploymentService deployments, GuardedWrites writes) {
        this.workloads = workloads;
        this.deployments = deployments;
        this.writes = writes;
    }

    /**
     * A promote as read: the environment, the deployment made current there and the one it replaces, the environments
     * of the model or chain, and what the promote writes into the two deployments (null where it writes nothing).
     */
    private record Promotion(Workload workload, Environment environment, Deployment promoted, Deployment previous,
                             List<Environment> environments, String instanceType, DeploymentStatus previousStatus) {

        /** The promoted deployment's row changes: it is reactivated, or takes the environment's instance type. */
        boolean writesPromoted() {
            return promoted.status != DeploymentStatus.ACTIVE
                    || (instanceType != null && !instanceType.equals(promoted.instanceType));
        }

        Set<UUID> written() {
            Set<UUID> written = new HashSet<>();
            if (writesPromoted()) {
                written.add(promoted.id);
            }
            if (previousStatus != null) {
                written.add(previous.id);
            }
            return written;
        }
    }

    public Uni<DeploymentView> promote(Caller caller, WorkloadKind kind, String workloadId, String environmentName,
                                       PromoteRequest request) {
        if (request == null || request.deploymentId() == null || request.deploymentId().isBlank()) {
            throw ApiException.validation("deployment_id", "is required");
        }
        return promote(caller, kind, workloadId, environmentName, request.deploymentId(), request);
    }

    /**
     * Promotes the deployment the reference names; {@code options} may be null (all defaults). Checked with
     * {@code PROMOTE} on the environment, and with {@code UPDATE_DEPLOYMENT} on every environment where a deployment
     * the promote writes into (the promoted one, reactivated or given the environment's instance type; the previous
     * one, scaled down) is current.
     */
    public Uni<DeploymentView> promote(Caller caller, WorkloadKind kind, String workloadId, String environmentName,
                                       String deploymentRef, PromoteRequest options) {
        Boolean scaleDownPrevious = options == null ? null : options.scaleDownPrevious();
        boolean preserveInstanceType = options == null || options.preservesEnvInstanceType();
        return writes.<Promotion, DeploymentView>runAsking(caller, workloads.placement(kind, workloadId),
                () -> workloads.visible(caller, kind, workloadId),
                workload -> List.of(new Change(Action.PROMOTE, environmentName, workload, null, options)),
                workload -> Environment.<Environment>list("workloadId", workload.id).flatMap(all -> {
                    Environment environment = all.stream().filter(e -> e.name.equals(environmentName)).findFirst()
                            .orElseThrow(() -> ApiException.notFound("environment " + environmentName));
                    return deployments.resolve(caller, workload, deploymentRef, "deployment_id")
                            .flatMap(promoted -> previousOf(environment, promoted).map(previous -> new Promotion(
                                    workload, environment, promoted, previous, all,
                                    preserveInstanceType && previous != null ? previous.instanceType : null,
                                    cleanedUp(environment, previous, all, cleanupStrategy(environment.promotionSettings, scaleDownPrevious)))));
                }),
                promotion -> new Effect(promotion.workload(), Action.PROMOTE, promotion.environment().name,
                        Action.UPDATE_DEPLOYMENT, promotion.written(), promotion.environments(),
                        promotion.promoted().id, options),
                this::apply);
    }

    /** The deployment the promote replaces, or null when there is none or it is the one promoted again. */
    private static Uni<Deployment> previousOf(Environment environment, Deployment promoted) {
        UUID previous = environment.currentDeploymentId;
        if (previous == null || previous.equals(promoted.id)) {
            return Uni.createFrom().nullItem();
        }
        return Deployment.findById(previous);
    }

    /**
     * What the previous deployment becomes: scaled down or deactivated by the strategy, but only when no other
     * environment still has it current; null when it stays as it is.
     */
    private static DeploymentStatus cleanedUp(Environment environment, Deployment previous, List<Environment> all, String strategy) {
        if (previous == null || PromotionSettings.KEEP.equals(strategy)) {
            return null;
        }
        boolean stillServing = all.stream().anyMatch(other -> !other.id.equals(environment.id)
                && previous.id.equals(other.currentDeploymentId));
        if (stillServing) {
            return null;
        }
        DeploymentStatus status = PromotionSettings.DEACTIVATE.equals(strategy) ? DeploymentStatus.INACTIVE : DeploymentStatus.SCALED_TO_ZERO;
        return status == previous.status ? null : status;
    }

    /** Writes the promote as read under the model's or chain's lock: one transaction, all of it or nothing. */
    private Uni<DeploymentView> apply(Promotion promotion) {
        Environment environment = promotion.environment();
        environment.currentDeploymentId = promotion.promoted().id;
        environment.candidateDeploymentId = null;
        Deployment promoted = promotion.promoted();
        promoted.status = DeploymentStatus.ACTIVE;
        if (promotion.instanceType() != null) {
            promoted.instanceType = promotion.instanceType();
        }
        if (promotion.previousStatus() != null) {
            promotion.previous().status = promotion.previousStatus();
        }
        return Panache.flush().chain(() -> deployments.view(promotion.workload(), promoted))
                .map(view -> view.inEnvironment(environment.name));
    }

    /** {@code scale_down_previous_deployment}, when given, overrides the environment's cleanup strategy. */
    static String cleanupStrategy(PromotionSettings settings, Boolean scaleDownPrevious) {
        if (scaleDownPrevious != null) {
            return scaleDownPrevious ? PromotionSettings.SCALE_TO_ZERO : PromotionSettings.KEEP;
        }
        return settings.promotionCleanupStrategy();
    }
}
