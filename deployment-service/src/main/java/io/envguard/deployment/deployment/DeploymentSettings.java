package io.envguard.deployment.deployment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Body of {@code PATCH .../deployments/{deployment_id}}: the deployment's settings, every field optional. */
public record DeploymentSettings(String instanceType, AutoscalingSettings autoscalingSettings) {

    public static final String DEFAULT_INSTANCE_TYPE = "1x2";

    /** The instance types of the stand-in runtime: CPU sizes and GPU shapes, as {@code truss} names them. */
    static final Set<String> INSTANCE_TYPES = Set.of(
            "1x2", "1x4", "2x8", "4x16", "8x32", "16x64",
            "T4x4x16", "L4x4x16", "A10Gx4x16", "A10G:2x24x96", "A100x12x144", "A100:2x24x288", "H100x26x234", "H100:2x52x468");

    public boolean isEmpty() {
        return instanceType == null && (autoscalingSettings == null || autoscalingSettings.isEmpty());
    }

    /** Applies these settings to the deployment and returns the problems of the result, by field name. */
    public Map<String, String> applyTo(Deployment deployment) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (instanceType != null) {
            if (INSTANCE_TYPES.contains(instanceType)) {
                deployment.instanceType = instanceType;
            } else {
                problems.put("instance_type", "must be one of " + String.join(", ", INSTANCE_TYPES.stream().sorted().toList()));
            }
        }
        AutoscalingSettings merged = deployment.autoscaling.merge(autoscalingSettings);
        merged.problems().forEach((field, problem) -> problems.put("autoscaling_settings." + field, problem));
        deployment.autoscaling = merged;
        return problems;
    }

    static boolean isKnownInstanceType(String instanceType) {
        return INSTANCE_TYPES.contains(instanceType);
    }
}
