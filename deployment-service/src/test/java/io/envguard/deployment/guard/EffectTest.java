package io.envguard.deployment.guard;

import io.envguard.deployment.authz.Action;
import io.envguard.deployment.workload.Environment;
import io.envguard.deployment.workload.Workload;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The one rule for which environments a write is checked against. */
class EffectTest {

    private static final Workload WORKLOAD = new Workload();
    private static final UUID SHARED = UUID.randomUUID();
    private static final UUID OTHER = UUID.randomUUID();

    private static Environment environment(String name, UUID current, UUID candidate) {
        Environment environment = new Environment();
        environment.name = name;
        environment.currentDeploymentId = current;
        environment.candidateDeploymentId = candidate;
        return environment;
    }

    private static final List<Environment> ENVIRONMENTS = List.of(
            environment("staging", SHARED, null),
            environment("production", SHARED, null),
            environment("canary", OTHER, SHARED),
            environment("qa", OTHER, null),
            environment("empty", null, null));

    private static List<String> touched(Effect effect) {
        return effect.changes().stream().map(change -> change.action() + " " + change.environment()).toList();
    }

    @Test
    void aWriteThroughOneEnvironmentIsCheckedWhereverTheDeploymentItWritesIsCurrentOrBeingPromotedInto() {
        Effect effect = new Effect(WORKLOAD, Action.MANAGE_ENVIRONMENT, "staging", Action.UPDATE_AUTOSCALING,
                Set.of(SHARED), ENVIRONMENTS, SHARED, null);
        assertEquals(List.of("MANAGE_ENVIRONMENT staging", "UPDATE_AUTOSCALING canary", "UPDATE_AUTOSCALING production"),
                touched(effect));
    }

    @Test
    void theEnvironmentNamedKeepsItsOwnActionWhenItAlsoServesTheDeployment() {
        Effect effect = new Effect(WORKLOAD, Action.PROMOTE, "production", Action.UPDATE_DEPLOYMENT,
                Set.of(SHARED), ENVIRONMENTS, SHARED, null);
        assertEquals(List.of("PROMOTE production", "UPDATE_DEPLOYMENT canary", "UPDATE_DEPLOYMENT staging"), touched(effect));
    }

    @Test
    void aWriteIntoNoDeploymentIsCheckedOnlyWhereItsPathPoints() {
        Effect effect = Effect.onEnvironment(WORKLOAD, Action.MANAGE_ENVIRONMENT, "qa", OTHER, null);
        assertEquals(List.of("MANAGE_ENVIRONMENT qa"), touched(effect));
    }

    @Test
    void aDeploymentServingNowhereIsOneChangeWithoutAnEnvironment() {
        Effect effect = new Effect(WORKLOAD, Action.UPDATE_AUTOSCALING, null, Action.UPDATE_AUTOSCALING,
                Set.of(UUID.randomUUID()), ENVIRONMENTS, null, null);
        List<Change> changes = effect.changes();
        assertEquals(1, changes.size());
        assertNull(changes.get(0).environment());
        assertEquals(Action.UPDATE_AUTOSCALING, changes.get(0).action());
    }

    @Test
    void removingTheModelOrChainIsCheckedInEveryEnvironmentEvenOneServingNothing() {
        Effect effect = Effect.removingWorkload(WORKLOAD, Action.MANAGE_ENVIRONMENT, ENVIRONMENTS, null);
        assertEquals(List.of("MANAGE_ENVIRONMENT canary", "MANAGE_ENVIRONMENT empty", "MANAGE_ENVIRONMENT production",
                "MANAGE_ENVIRONMENT qa", "MANAGE_ENVIRONMENT staging"), touched(effect));
    }

    @Test
    void theEnvironmentsCheckedAreNamedInTheirOrderOnce() {
        Effect effect = new Effect(WORKLOAD, Action.MANAGE_ENVIRONMENT, "staging", Action.UPDATE_AUTOSCALING,
                Set.of(SHARED, OTHER), ENVIRONMENTS, SHARED, null);
        assertEquals(List.of("staging", "canary", "production", "qa"), AccessGuard.environmentsOf(effect.changes()));
    }
}
