package io.envguard.deployment.promotion;

import io.envguard.deployment.authz.Action;
import io.envguard.deployment.authz.Caller;
import io.envguard.deployment.environment.EnvironmentService;
import io.envguard.deployment.guard.Change;
import io.envguard.deployment.guard.Effect;
import io.envguard.deployment.guard.GuardedWrites;
import io.envguard.deployment.workload.Environment;
import io.envguard.deployment.workload.Workload;
import io.envguard.deployment.workload.WorkloadKind;
import io.envguard.deployment.workload.WorkloadService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * Controls of a promotion into an environment: cancel, pause, resume, force cancel, force roll forward. On a real
 * runtime each moves what the environment serves (a rollback or a roll forward), so each is checked with
 * {@code PROMOTE} on the environment and audited, like a promote into it. The stand-in runtime completes every promote
 * within its call, so no promotion is ever in progress when a control arrives: each answers so and changes nothing.
 */
@ApplicationScoped
public class PromotionControls {

    /** The controls, by the last segment of their path. */
    public enum Control {
        PAUSE_PROMOTION, RESUME_PROMOTION, FORCE_CANCEL_PROMOTION, FORCE_ROLL_FORWARD_PROMOTION
    }

    private final WorkloadService workloads;
    private final EnvironmentService environments;
    private final GuardedWrites writes;

    PromotionControls(WorkloadService workloads, EnvironmentService environments, GuardedWrites writes) {
        this.workloads = workloads;
        this.environments = environments;
        this.writes = writes;
    }

    private record Target(Workload workload, Environment environment) {
    }

    /** {@code cancel_promotion}: nothing is in progress, so the environment is as a cancel would leave it. */
    public Uni<CancelPromotionResponse> cancel(Caller caller, WorkloadKind kind, String workloadId, String name) {
        return control(caller, kind, workloadId, name, "cancel_promotion").map(environment -> new CancelPromotionResponse(
                CancelPromotionResponse.CANCELED, "no promotion is in progress into " + name
                        + ": promotions complete within the promote call; nothing was changed", null));
    }

    /** Pause, resume, force cancel or force roll forward: there is no rolling promotion to signal. */
    public Uni<SignalPromotionResponse> signal(Caller caller, WorkloadKind kind, String workloadId, String name, Control control) {
        return control(caller, kind, workloadId, name, control.name().toLowerCase()).map(environment -> new SignalPromotionResponse(
                false, "no rolling promotion is in progress into " + name
                        + ": promotions complete within the promote call; nothing was signalled", null));
    }

    private Uni<Environment> control(Caller caller, WorkloadKind kind, String workloadId, String name, String control) {
        Map<String, Object> details = Map.of("promotion_control", control);
        return writes.<Target, Environment>runAsking(caller, workloads.placement(kind, workloadId),
                () -> workloads.visible(caller, kind, workloadId),
                workload -> List.of(new Change(Action.PROMOTE, name, workload, null, details)),
                workload -> environments.find(workload, name).map(environment -> new Target(workload, environment)),
                target -> Effect.onEnvironment(target.workload(), Action.PROMOTE, name,
                        target.environment().currentDeploymentId, details),
                target -> Uni.createFrom().item(target.environment()));
    }
}
