package io.envguard.deployment.promotion;

/**
 * Body of {@code POST .../environments/{env_name}/promote}. {@code scale_down_previous_deployment} overrides the
 * environment's cleanup strategy; {@code preserve_env_instance_type} keeps the instance type the environment ran on.
 */
public record PromoteRequest(String deploymentId, Boolean scaleDownPreviousDeployment, Boolean preserveEnvInstanceType) {
}
