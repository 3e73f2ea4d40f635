package io.envguard.deployment.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.envguard.deployment.consistency.Revisioned;

/**
 * The answer to activating or deactivating a deployment (Baseten's ActivateResponseV1 and DeactivateResponseV1):
 * the status is set when the call returns; {@code revision} of the decision as in every change.
 */
public record StatusChanged(boolean success, @JsonInclude(JsonInclude.Include.NON_NULL) Long revision) implements Revisioned {

    @Override
    public StatusChanged withRevision(Long revision) {
        return new StatusChanged(success, revision);
    }
}
