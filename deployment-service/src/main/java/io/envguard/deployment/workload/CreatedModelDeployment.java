package io.envguard.deployment.workload;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.envguard.deployment.authz.Revisioned;
import io.envguard.deployment.deployment.DeploymentView;

/** Baseten's {@code CreatedModelDeploymentV1}: a new deployment and its model (which the call may have created). */
public record CreatedModelDeployment(WorkloadView model, DeploymentView deployment,
                                     @JsonInclude(JsonInclude.Include.NON_NULL) Long revision) implements Revisioned {

    @Override
    public CreatedModelDeployment withRevision(Long revision) {
        return new CreatedModelDeployment(model, deployment, revision);
    }
}
