package io.envguard.deployment.workload;

import java.util.UUID;

/** What a model's or chain's view tells of its deployments. */
public record WorkloadSummary(int deploymentsCount, UUID productionDeploymentId, UUID developmentDeploymentId,
                             String instanceTypeName) {
}
