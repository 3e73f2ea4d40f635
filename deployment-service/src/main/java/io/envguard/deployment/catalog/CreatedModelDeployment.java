package io.envguard.deployment.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.envguard.deployment.consistency.Revisioned;
import io.envguard.deployment.deployment.DeploymentView;
import io.envguard.deployment.workload.WorkloadView;

/** Baseten's {@code CreatedModelDeploymentV1}: a new deployment and its model (which the call may have created). */
public record CreatedModelDeployment(WorkloadView model, DeploymentView deployment,
                                     @JsonInclude(JsonInclude.Include.NON_NULL) Long revision) implements Revisioned {

    @Override
    public CreatedModelDeployment withRevision(Long revision) {
        return new CreatedModelDeployment(model, deployment, revision);
    }
}
