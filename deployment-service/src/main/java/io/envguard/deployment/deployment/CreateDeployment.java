package io.envguard.deployment.deployment;

import java.util.List;

/**
 * Body of {@code POST .../deployments} (what {@code truss push} does): Baseten's {@code CreateModelDeploymentRequestV1}
 * ({@code source}) or Envguard's own fields ({@code name}, {@code instance_type}, {@code autoscaling_settings}; chains
 * may name their {@code chainlets}). A body with a {@code source} takes the deployment from it.
 */
public record CreateDeployment(String name, String instanceType, AutoscalingSettings autoscalingSettings,
                               List<String> chainlets, DeploymentSource source) {
}
