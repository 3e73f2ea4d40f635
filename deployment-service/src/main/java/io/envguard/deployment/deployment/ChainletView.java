package io.envguard.deployment.deployment;

/** One chainlet of a chain deployment and how it scales. */
public record ChainletView(String name, AutoscalingSettings autoscalingSettings) {
}
