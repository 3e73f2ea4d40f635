package io.envguard.deployment.workload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How a deployment is promoted into an environment. As a PATCH body every field is optional.
 * {@code promotion_cleanup_strategy} says what happens to the deployment that was current before. Baseten's
 * {@code rolling_deploy_config} is accepted and ignored: promotions complete within the call, nothing rolls.
 */
@JsonIgnoreProperties(value = "rolling_deploy_config")
@Embeddable
public record PromotionSettings(
        @Column(name = "redeploy_on_promotion") Boolean redeployOnPromotion,
        @Column(name = "rolling_deploy") Boolean rollingDeploy,
        @Column(name = "promotion_cleanup_strategy") String promotionCleanupStrategy,
        @Column(name = "ramp_up_while_promoting") Boolean rampUpWhilePromoting,
        @Column(name = "ramp_up_duration_seconds") Integer rampUpDurationSeconds) {

    public static final String KEEP = "KEEP";
    public static final String SCALE_TO_ZERO = "SCALE_TO_ZERO";
    public static final String DEACTIVATE = "DEACTIVATE";
    static final Set<String> CLEANUP_STRATEGIES = Set.of(KEEP, SCALE_TO_ZERO, DEACTIVATE);
    static final int MAX_RAMP_UP_SECONDS = 86_400;

    public static final PromotionSettings DEFAULTS = new PromotionSettings(false, false, SCALE_TO_ZERO, false, 600);

    public PromotionSettings merge(PromotionSettings patch) {
        if (patch == null) {
            return this;
        }
        return new PromotionSettings(
                patch.redeployOnPromotion != null ? patch.redeployOnPromotion : redeployOnPromotion,
                patch.rollingDeploy != null ? patch.rollingDeploy : rollingDeploy,
                patch.promotionCleanupStrategy != null ? patch.promotionCleanupStrategy : promotionCleanupStrategy,
                patch.rampUpWhilePromoting != null ? patch.rampUpWhilePromoting : rampUpWhilePromoting,
                patch.rampUpDurationSeconds != null ? patch.rampUpDurationSeconds : rampUpDurationSeconds);
    }

    /** The problems of complete settings, by field name (prefixed with {@code promotion_settings.}). */
    public Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        String prefix = "promotion_settings.";
        if (redeployOnPromotion == null) {
            problems.put(prefix + "redeploy_on_promotion", "is required");
        }
        if (rollingDeploy == null) {
            problems.put(prefix + "rolling_deploy", "is required");
        }
        if (rampUpWhilePromoting == null) {
            problems.put(prefix + "ramp_up_while_promoting", "is required");
        }
        if (promotionCleanupStrategy == null || !CLEANUP_STRATEGIES.contains(promotionCleanupStrategy)) {
            problems.put(prefix + "promotion_cleanup_strategy", "must be one of KEEP, SCALE_TO_ZERO, DEACTIVATE");
        }
        if (rampUpDurationSeconds == null || rampUpDurationSeconds < 0 || rampUpDurationSeconds > MAX_RAMP_UP_SECONDS) {
            problems.put(prefix + "ramp_up_duration_seconds", "must be between 0 and " + MAX_RAMP_UP_SECONDS);
        }
        return problems;
    }
}
