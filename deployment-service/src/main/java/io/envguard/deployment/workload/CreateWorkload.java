package io.envguard.deployment.workload;

/** Body of {@code POST /v1/models} and {@code POST /v1/chains}. */
public record CreateWorkload(String name, String teamId) {
}
