package io.envguard.deployment.deployment;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AutoscalingSettingsTest {

    private static final AutoscalingSettings NOTHING = new AutoscalingSettings(null, null, null, null, null, null);

    @Test
    void theDefaultsAreValid() {
        assertTrue(AutoscalingSettings.DEFAULTS.problems().isEmpty());
    }

    @Test
    void aPatchReplacesOnlyTheFieldsItCarries() {
        AutoscalingSettings merged = AutoscalingSettings.DEFAULTS.merge(new AutoscalingSettings(2, 5, null, null, null, null));
        assertEquals(new AutoscalingSettings(2, 5, 60, 900, 1, 70), merged);
    }

    @Test
    void anEmptyOrMissingPatchChangesNothing() {
        assertEquals(AutoscalingSettings.DEFAULTS, AutoscalingSettings.DEFAULTS.merge(NOTHING));
        assertEquals(AutoscalingSettings.DEFAULTS, AutoscalingSettings.DEFAULTS.merge(null));
    }

    @Test
    void minReplicaAboveMaxReplicaIsAProblemOfMinReplica() {
        var problems = new AutoscalingSettings(3, 2, 60, 900, 1, 70).problems();
        assertEquals(1, problems.size());
        assertTrue(problems.containsKey("min_replica"));
    }

    @Test
    void negativeWindowsAndDelaysAreProblems() {
        var problems = new AutoscalingSettings(0, 1, -1, -5, 1, 70).problems();
        assertTrue(problems.containsKey("autoscaling_window"));
        assertTrue(problems.containsKey("scale_down_delay"));
    }

    @Test
    void utilizationIsAPercentageAndConcurrencyAtLeastOne() {
        var problems = new AutoscalingSettings(0, 1, 60, 900, 0, 101).problems();
        assertTrue(problems.containsKey("concurrency_target"));
        assertTrue(problems.containsKey("target_utilization_percentage"));
    }

    @Test
    void zeroMaxReplicaIsAProblem() {
        assertTrue(new AutoscalingSettings(0, 0, 60, 900, 1, 70).problems().containsKey("max_replica"));
    }

    @Test
    void scaleToZeroIsAllowed() {
        assertTrue(new AutoscalingSettings(0, 3, 0, 0, 1, 1).problems().isEmpty());
    }
}
