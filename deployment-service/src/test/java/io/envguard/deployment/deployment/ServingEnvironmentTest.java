package io.envguard.deployment.deployment;

import io.envguard.deployment.workload.Environment;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ServingEnvironmentTest {

    private static final UUID DEPLOYMENT = UUID.randomUUID();

    private static Environment environment(String name, UUID current) {
        Environment environment = new Environment();
        environment.name = name;
        environment.currentDeploymentId = current;
        return environment;
    }

    @Test
    void aDeploymentServesTheEnvironmentsWhereItIsCurrentSortedByName() {
        var environments = List.of(environment("staging", DEPLOYMENT), environment("production", DEPLOYMENT),
                environment("canary", UUID.randomUUID()), environment("dev", null));
        assertEquals(List.of("production", "staging"), DeploymentService.environmentsServing(DEPLOYMENT, environments));
    }

    @Test
    void productionIsTheEnvironmentShownWhenItIsOneOfThem() {
        assertEquals("production", DeploymentService.primaryEnvironment(List.of("alpha", "production")));
        assertEquals("alpha", DeploymentService.primaryEnvironment(List.of("alpha", "beta")));
        assertNull(DeploymentService.primaryEnvironment(List.of()));
    }
}
