package io.envguard.cli.deploy;

import io.envguard.cli.api.EnvguardApi;
import io.envguard.cli.api.EnvguardApi.Autoscaling;
import io.envguard.cli.api.EnvguardApi.Deployment;
import io.envguard.cli.api.EnvguardApi.Kind;
import io.envguard.cli.output.Output;
import io.envguard.cli.permissions.Refusals;

import java.time.Duration;

/** A deployment as the commands show it, and promotions with their wait. */
final class Deployments {

    /** How long a promotion may stay in progress before the CLI stops waiting for it. */
    private static final Duration PROMOTION_LIMIT = Duration.ofMinutes(10);

    private Deployments() {
    }

    static String describe(Deployment d) {
        Autoscaling a = d.autoscalingSettings();
        return "deployment   " + d.id() + (d.name() == null ? "" : " (" + d.name() + ")") + "\n"
                + "status       " + d.status() + "\n"
                + "environment  " + (d.environment() == null ? "-" : d.environment()) + "\n"
                + (a == null ? "" : "autoscaling  min " + a.minReplica() + ", max " + a.maxReplica()
                + ", concurrency target " + a.concurrencyTarget() + ", window " + a.autoscalingWindow()
                + "s, scale-down delay " + a.scaleDownDelay() + "s, target utilization "
                + a.targetUtilizationPercentage() + "%\n");
    }

    /**
     * Promotes and waits until the environment serves the deployment: the promote call itself, then any promotion the
     * platform reports still in progress.
     */
    static Deployment promote(EnvguardApi api, Output output, boolean terminal, Kind kind, String workloadId,
                              String teamId, String environment, String deploymentId) {
        return Progress.during(output, terminal, "promoting " + deploymentId + " into " + environment, () -> {
            Deployment promoted = Refusals.guarded(api, teamId,
                    () -> api.promote(kind, workloadId, environment, deploymentId));
            long deadline = System.nanoTime() + PROMOTION_LIMIT.toNanos();
            EnvguardApi.Environment state = api.environment(kind, workloadId, environment);
            while (state.inProgressPromotion() != null && !state.inProgressPromotion().isNull()
                    && System.nanoTime() < deadline) {
                sleep();
                state = api.environment(kind, workloadId, environment);
            }
            return promoted;
        });
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the promotion", e);
        }
    }
}
