package io.envguard.deployment.workload;

import io.envguard.deployment.environment.EnvironmentNames;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PromotionSettingsTest {

    @Test
    void theDefaultsAreValid() {
        assertTrue(PromotionSettings.DEFAULTS.problems().isEmpty());
    }

    @Test
    void aPatchReplacesOnlyTheFieldsItCarries() {
        PromotionSettings merged = PromotionSettings.DEFAULTS.merge(new PromotionSettings(null, true, "DEACTIVATE", null, null));
        assertEquals(new PromotionSettings(false, true, "DEACTIVATE", false, 600), merged);
    }

    @Test
    void onlyTheKnownCleanupStrategiesAreAccepted() {
        for (String strategy : new String[] {"KEEP", "SCALE_TO_ZERO", "DEACTIVATE"}) {
            assertTrue(PromotionSettings.DEFAULTS.merge(new PromotionSettings(null, null, strategy, null, null)).problems().isEmpty());
        }
        assertFalse(PromotionSettings.DEFAULTS.merge(new PromotionSettings(null, null, "keep", null, null)).problems().isEmpty());
    }

    @Test
    void aNegativeRampUpIsAProblem() {
        var problems = PromotionSettings.DEFAULTS.merge(new PromotionSettings(null, null, null, true, -1)).problems();
        assertTrue(problems.containsKey("promotion_settings.ramp_up_duration_seconds"));
    }

    @Test
    void environmentNamesFollowTheGroupNameRule() {
        assertTrue(EnvironmentNames.isValid("production"));
        assertTrue(EnvironmentNames.isValid("0-canary_2"));
        assertTrue(EnvironmentNames.isValid("a".repeat(64)));
        assertFalse(EnvironmentNames.isValid("a".repeat(65)));
        assertFalse(EnvironmentNames.isValid("_hidden"));
        assertFalse(EnvironmentNames.isValid("Prod"));
        assertFalse(EnvironmentNames.isValid(""));
        assertFalse(EnvironmentNames.isValid(null));
    }
}
