package io.envguard.deployment.workload;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.envguard.deployment.consistency.Revisioned;

import java.util.UUID;

/** What is left of a deleted model or chain (Baseten's ModelTombstoneV1 and ChainTombstoneV1). */
public record WorkloadTombstone(UUID id, boolean deleted,
                                @JsonInclude(JsonInclude.Include.NON_NULL) Long revision) implements Revisioned {

    @Override
    public WorkloadTombstone withRevision(Long revision) {
        return new WorkloadTombstone(id, deleted, revision);
    }
}
