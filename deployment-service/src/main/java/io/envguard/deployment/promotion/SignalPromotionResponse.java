package io.envguard.deployment.promotion;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.envguard.deployment.consistency.Revisioned;

/**
 * The answer to a signal to a rolling promotion (Baseten's SignalPromotionResponseV1): whether it was sent, and, beyond
 * Baseten, why not.
 */
public record SignalPromotionResponse(boolean success, String message,
                                      @JsonInclude(JsonInclude.Include.NON_NULL) Long revision) implements Revisioned {

    @Override
    public SignalPromotionResponse withRevision(Long revision) {
        return new SignalPromotionResponse(success, message, revision);
    }
}
