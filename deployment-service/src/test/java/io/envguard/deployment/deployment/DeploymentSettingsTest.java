package io.envguard.deployment.deployment;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeploymentSettingsTest {

    private static Deployment deployment() {
        Deployment deployment = new Deployment();
        deployment.instanceType = "1x2";
        deployment.autoscaling = AutoscalingSettings.DEFAULTS;
        return deployment;
    }

    @Test
    void anInstanceTypeAndAutoscalingAreAppliedTogether() {
        Deployment deployment = deployment();
        var problems = new DeploymentSettings(null, "A10G:2x24x96", new AutoscalingSettings(null, 4, null, null, null, null))
                .applyTo(deployment, "autoscaling_settings.");
        assertTrue(problems.isEmpty());
        assertEquals("A10G:2x24x96", deployment.instanceType);
        assertEquals(4, deployment.autoscaling.maxReplica());
        assertEquals(0, deployment.autoscaling.minReplica());
    }

    @Test
    void problemsAreNamedWithThePrefixOfTheirBody() {
        var bad = new AutoscalingSettings(9, 2, null, null, null, null);
        assertTrue(new DeploymentSettings(null, null, bad).applyTo(deployment(), "autoscaling_settings.").containsKey("autoscaling_settings.min_replica"));
        assertTrue(new DeploymentSettings(null, null, bad).applyTo(deployment(), "").containsKey("min_replica"));
    }

    @Test
    void aMalformedInstanceTypeIsAProblemAndNotApplied() {
        Deployment deployment = deployment();
        var problems = new DeploymentSettings(null, "a b", null).applyTo(deployment, "");
        assertTrue(problems.containsKey("instance_type"));
        assertEquals("1x2", deployment.instanceType);
    }
}
