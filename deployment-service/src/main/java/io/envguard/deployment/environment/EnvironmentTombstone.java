package io.envguard.deployment.environment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.envguard.deployment.consistency.Revisioned;
import io.envguard.deployment.workload.Workload;
import io.envguard.deployment.workload.WorkloadKind;

import java.util.UUID;

/** The answer to deleting an environment: Baseten's {@code EnvironmentTombstoneV1} ({@code chain_id} for a chain). */
public record EnvironmentTombstone(String name, @JsonInclude(JsonInclude.Include.NON_NULL) UUID modelId,
                                   @JsonInclude(JsonInclude.Include.NON_NULL) UUID chainId, boolean deleted,
                                   @JsonInclude(JsonInclude.Include.NON_NULL) Long revision) implements Revisioned {

    static EnvironmentTombstone of(Workload workload, String name) {
        boolean model = workload.kind == WorkloadKind.MODEL;
        return new EnvironmentTombstone(name, model ? workload.id : null, model ? null : workload.id, true, null);
    }

    @Override
    public EnvironmentTombstone withRevision(Long revision) {
        return new EnvironmentTombstone(name, modelId, chainId, deleted, revision);
    }
}
