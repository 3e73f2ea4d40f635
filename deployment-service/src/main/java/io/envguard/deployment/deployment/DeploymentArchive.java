package io.envguard.deployment.deployment;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Baseten's {@code DeploymentArchivePayloadV1}: the deployment-level fields of a push. The stand-in runtime builds
 * nothing, so {@code config}, {@code raw_config}, {@code user_env}, {@code deploy_timeout_minutes}, {@code labels} and
 * {@code is_development} are accepted and ignored; {@code deployment_name} names the deployment, and
 * {@code environment_name} promotes it there once it is created — a guarded promote like any other.
 */
public record DeploymentArchive(JsonNode config, String rawConfig, JsonNode userEnv, String environmentName,
                                Boolean preserveEnvInstanceType, Integer deployTimeoutMinutes, String deploymentName,
                                JsonNode labels, Boolean isDevelopment) {

    /** The push this payload stands for, with Envguard's defaults for what it does not say. */
    public CreateDeployment toCreate() {
        return new CreateDeployment(deploymentName, null, null, null, null);
    }
}
