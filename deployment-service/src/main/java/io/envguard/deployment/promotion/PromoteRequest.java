package io.envguard.deployment.promotion;

/** Body of {@code POST .../environments/{env_name}/promote}. */
public record PromoteRequest(String deploymentId, Boolean scaleDownPreviousDeployment) {
}
