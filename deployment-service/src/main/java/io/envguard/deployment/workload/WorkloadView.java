package io.envguard.deployment.workload;

import java.time.Instant;
import java.util.UUID;

public record WorkloadView(UUID id, String name, String teamId, Instant createdAt) {

    public static WorkloadView of(Workload workload) {
        return new WorkloadView(workload.id, workload.name, workload.teamId, workload.createdAt);
    }
}
