package io.envguard.deployment.environment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.envguard.deployment.consistency.Revisioned;

/**
 * The answer to {@code PATCH .../environments/{env_name}}: Baseten's {@code UpdateEnvironmentResponseV1}
 * ({@code environment}, {@code status}, {@code message}) and {@code UpdateChainEnvironmentResponseV1} ({@code ok}) in
 * one body — each schema takes the other's fields as extras. The change is made within the call: {@code ACCEPTED}.
 */
public record EnvironmentUpdated(EnvironmentView environment, String status, String message, boolean ok,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) Long revision) implements Revisioned {

    static EnvironmentUpdated of(EnvironmentView environment) {
        return new EnvironmentUpdated(environment, "ACCEPTED", "environment " + environment.name() + " updated", true, null);
    }

    @Override
    public EnvironmentUpdated withRevision(Long revision) {
        return new EnvironmentUpdated(environment.withRevision(revision), status, message, ok, revision);
    }
}
