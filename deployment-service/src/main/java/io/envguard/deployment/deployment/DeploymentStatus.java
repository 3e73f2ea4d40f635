package io.envguard.deployment.deployment;

public enum DeploymentStatus {
    ACTIVE,
    SCALED_TO_ZERO,
    INACTIVE
}
