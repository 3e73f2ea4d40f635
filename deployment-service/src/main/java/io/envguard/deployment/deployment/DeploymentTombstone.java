package io.envguard.deployment.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.envguard.deployment.consistency.Revisioned;
import io.envguard.deployment.workload.Workload;
import io.envguard.deployment.workload.WorkloadKind;

import java.util.UUID;

/** What is left of a deleted deployment (Baseten's DeploymentTombstoneV1, and ChainDeploymentTombstoneV1 for chains). */
public record DeploymentTombstone(UUID id, boolean deleted,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) UUID modelId,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) UUID chainId,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) Long revision) implements Revisioned {

    static DeploymentTombstone of(Workload workload, UUID id) {
        boolean model = workload.kind == WorkloadKind.MODEL;
        return new DeploymentTombstone(id, true, model ? workload.id : null, model ? null : workload.id, null);
    }

    @Override
    public DeploymentTombstone withRevision(Long revision) {
        return new DeploymentTombstone(id, deleted, modelId, chainId, revision);
    }
}
