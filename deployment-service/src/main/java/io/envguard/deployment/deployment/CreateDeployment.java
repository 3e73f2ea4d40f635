package io.envguard.deployment.deployment;

import java.util.List;

/** Body of {@code POST .../deployments} (what {@code truss push} does); chains may name their chainlets. */
public record CreateDeployment(String name, String instanceType, AutoscalingSettings autoscalingSettings, List<String> chainlets) {
}
