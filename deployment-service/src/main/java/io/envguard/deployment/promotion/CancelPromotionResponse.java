package io.envguard.deployment.promotion;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.envguard.deployment.consistency.Revisioned;

/** The answer to {@code cancel_promotion} (Baseten's CancelPromotionResponseV1: status CANCELED or RAMPING_DOWN). */
public record CancelPromotionResponse(String status, String message,
                                      @JsonInclude(JsonInclude.Include.NON_NULL) Long revision) implements Revisioned {

    static final String CANCELED = "CANCELED";

    @Override
    public CancelPromotionResponse withRevision(Long revision) {
        return new CancelPromotionResponse(status, message, revision);
    }
}
