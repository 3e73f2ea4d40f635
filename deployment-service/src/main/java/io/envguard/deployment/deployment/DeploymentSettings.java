package io.envguard.deployment.deployment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Body of {@code PATCH .../deployments/{deployment_id}}: the deployment's settings, every field optional. */
public record DeploymentSettings(String instanceType, AutoscalingSettings autoscalingSettings) {

    public static final String DEFAULT_INSTANCE_TYPE = "1x2";

    /**
     * Instance type names as the runtime spells them ({@code 1x2}, {@code A10Gx4x16}, {@code H100:2x52x468}); the
     * stand-in runtime has no catalogue, so the form is checked, not the name.
     */
    static final Pattern INSTANCE_TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:._-]{0,63}");

    /**
     * Applies these settings to the deployment and returns the problems of the result, by field name; autoscaling
     * fields are named with {@code autoscalingPrefix} (empty when the body is the autoscaling settings themselves).
     */
    public Map<String, String> applyTo(Deployment deployment, String autoscalingPrefix) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (instanceType != null) {
            if (isValidInstanceType(instanceType)) {
                deployment.instanceType = instanceType;
            } else {
                problems.put("instance_type", "must be 1–64 characters of A-Z a-z 0-9 : . _ -, such as 1x2 or A10Gx4x16");
            }
        }
        AutoscalingSettings merged = deployment.autoscaling.merge(autoscalingSettings);
        merged.problems().forEach((field, problem) -> problems.put(autoscalingPrefix + field, problem));
        deployment.autoscaling = merged;
        return problems;
    }

    static boolean isValidInstanceType(String instanceType) {
        return INSTANCE_TYPE.matcher(instanceType).matches();
    }
}
