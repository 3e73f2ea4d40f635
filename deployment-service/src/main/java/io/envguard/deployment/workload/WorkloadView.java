package io.envguard.deployment.workload;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.envguard.deployment.consistency.Revisioned;

import java.time.Instant;
import java.util.UUID;

/**
 * A model or chain as the API shows it: Baseten's {@code ModelV1} or {@code ChainV1} (a chain shows the model fields as
 * extras). deployment-service holds no team names, so {@code team_name} carries the team's id, as {@code team_id} does;
 * {@code instance_type_name} is that of the production deployment, or the default instance type while there is none;
 * {@code revision} only in the answer to its creation.
 */
public record WorkloadView(UUID id, String name, Instant createdAt, int deploymentsCount, UUID productionDeploymentId,
                           UUID developmentDeploymentId, String instanceTypeName, String teamName, String teamId,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Long revision) implements Revisioned {

    public static WorkloadView of(Workload workload, WorkloadSummary summary) {
        return new WorkloadView(workload.id, workload.name, workload.createdAt, summary.deploymentsCount(),
                summary.productionDeploymentId(), summary.developmentDeploymentId(), summary.instanceTypeName(),
                workload.teamId, workload.teamId, null);
    }

    @Override
    public WorkloadView withRevision(Long revision) {
        return new WorkloadView(id, name, createdAt, deploymentsCount, productionDeploymentId, developmentDeploymentId,
                instanceTypeName, teamName, teamId, revision);
    }
}
