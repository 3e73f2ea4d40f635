package io.envguard.deployment.workload;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.envguard.deployment.authz.Revisioned;

import java.time.Instant;
import java.util.UUID;

/** A model or chain as the API shows it; {@code revision} only in the answer to its creation. */
public record WorkloadView(UUID id, String name, String teamId, Instant createdAt,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Long revision) implements Revisioned {

    public static WorkloadView of(Workload workload) {
        return new WorkloadView(workload.id, workload.name, workload.teamId, workload.createdAt, null);
    }

    @Override
    public WorkloadView withRevision(Long revision) {
        return new WorkloadView(id, name, teamId, createdAt, revision);
    }
}
