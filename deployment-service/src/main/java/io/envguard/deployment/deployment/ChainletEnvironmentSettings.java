package io.envguard.deployment.deployment;

/**
 * How one chainlet of an environment's current deployment runs there (Baseten's {@code ChainletEnvironmentSettingsV1}):
 * shown by a chain's environment and answered by a chainlet instance type update.
 */
public record ChainletEnvironmentSettings(String chainletName, AutoscalingSettings autoscalingSettings,
                                          InstanceType instanceType) {

    /** @param instanceTypeName the chainlet's own instance type, or its deployment's when it has none */
    public static ChainletEnvironmentSettings of(String chainletName, AutoscalingSettings autoscaling, String instanceTypeName) {
        return new ChainletEnvironmentSettings(chainletName, autoscaling, InstanceType.of(instanceTypeName));
    }
}
