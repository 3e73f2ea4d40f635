package io.envguard.deployment.promotion;

/**
 * Body of {@code POST .../environments/{env_name}/promote} (Baseten's {@code PromoteToEnvironmentRequestV1}) and of
 * {@code POST .../deployments/{deployment_id}/promote} ({@code PromoteRequestV1}, which names
 * {@code scale_down_previous_deployment} {@code scale_down_previous_production}). Either, when given, overrides the
 * environment's cleanup strategy; {@code preserve_env_instance_type} keeps the instance type the environment ran on,
 * true unless the body says false (the spec's default).
 */
public record PromoteRequest(String deploymentId, Boolean scaleDownPreviousDeployment, Boolean scaleDownPreviousProduction,
                             Boolean preserveEnvInstanceType) {

    /**
     * Whether the promoted deployment takes the instance type the environment ran on. That writes into the promoted
     * deployment, so the promote is then checked against every environment where it is current too.
     */
    boolean preservesEnvInstanceType() {
        return preserveEnvInstanceType == null || preserveEnvInstanceType;
    }

    /** Whether to scale the previous deployment down, whichever name the body used; null when it says nothing. */
    Boolean scaleDownPrevious() {
        return scaleDownPreviousDeployment != null ? scaleDownPreviousDeployment : scaleDownPreviousProduction;
    }
}
