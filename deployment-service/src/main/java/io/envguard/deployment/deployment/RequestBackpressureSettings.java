package io.envguard.deployment.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.envguard.deployment.consistency.Revisioned;

/**
 * A deployment's request backpressure settings, as a deployment shows them and as
 * {@code PATCH .../request_backpressure_settings} answers them; {@code revision} only in the answer to a change.
 */
public record RequestBackpressureSettings(BackpressurePolicy policy,
                                          @JsonInclude(JsonInclude.Include.NON_NULL) Long revision) implements Revisioned {

    /** What an environment serving nothing shows. */
    public static final RequestBackpressureSettings NONE = new RequestBackpressureSettings(null, null);

    public static RequestBackpressureSettings of(Deployment deployment) {
        return new RequestBackpressureSettings(deployment.backpressurePolicy, null);
    }

    @Override
    public RequestBackpressureSettings withRevision(Long revision) {
        return new RequestBackpressureSettings(policy, revision);
    }
}
