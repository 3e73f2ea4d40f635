package io.envguard.deployment.inference;

import com.fasterxml.jackson.databind.JsonNode;
import io.envguard.deployment.authz.Caller;
import io.envguard.deployment.environment.EnvironmentService;
import io.envguard.deployment.workload.WorkloadKind;
import io.envguard.deployment.workload.WorkloadService;
import io.envguard.edge.error.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Inference through an environment, answered by its current deployment. A stand-in runtime echoes the input.
 * Never guarded: restrictions protect changes, not use.
 */
@ApplicationScoped
public class InferenceService {

    private final WorkloadService workloads;
    private final EnvironmentService environments;

    InferenceService(WorkloadService workloads, EnvironmentService environments) {
        this.workloads = workloads;
        this.environments = environments;
    }

    public Uni<Map<String, Object>> call(Caller caller, WorkloadKind kind, String workloadId, String environmentName, JsonNode input) {
        return Panache.withSession(() -> workloads.visible(caller, kind, workloadId)
                .flatMap(workload -> environments.find(workload, environmentName).map(environment -> {
                    if (environment.currentDeploymentId == null) {
                        throw ApiException.conflict("environment " + environmentName + " has no current deployment to answer; promote one first");
                    }
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put(kind.noun() + "_id", workload.id);
                    answer.put("environment", environment.name);
                    answer.put("deployment_id", environment.currentDeploymentId);
                    answer.put("output", input);
                    return answer;
                })));
    }
}
