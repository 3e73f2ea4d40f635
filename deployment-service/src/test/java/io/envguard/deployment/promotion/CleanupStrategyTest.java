package io.envguard.deployment.promotion;

import io.envguard.deployment.workload.PromotionSettings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CleanupStrategyTest {

    private static final PromotionSettings DEACTIVATING = new PromotionSettings(false, false, "DEACTIVATE", false, 0);

    @Test
    void withoutAnExplicitChoiceTheEnvironmentsStrategyApplies() {
        assertEquals("DEACTIVATE", PromotionService.cleanupStrategy(DEACTIVATING, null));
    }

    @Test
    void scaleDownPreviousDeploymentOverridesTheStrategy() {
        assertEquals("SCALE_TO_ZERO", PromotionService.cleanupStrategy(DEACTIVATING, true));
        assertEquals("KEEP", PromotionService.cleanupStrategy(DEACTIVATING, false));
    }
}
