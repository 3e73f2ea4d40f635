package io.envguard.deployment.deployment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Body of {@code PATCH .../deployments/{deployment_id}}: Baseten's {@code UpdateDeploymentRequestV1} ({@code name}) with
 * Envguard's deployment settings as extras, every field optional.
 */
public record DeploymentSettings(String name, String instanceType, AutoscalingSettings autoscalingSettings) {

    public static final String DEFAULT_INSTANCE_TYPE = "1x2";
    public static final String NAME_RULE = "must be 1–256 characters of A-Z a-z 0-9 - _ .";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,256}");

    /**
     * Instance type names as the runtime spells them ({@code 1x2}, {@code A10Gx4x16}, {@code H100:2x52x468}); the
     * stand-in runtime has no catalogue, so the form is checked, not the name.
     */
    static final Pattern INSTANCE_TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:._-]{0,63}");
    static final String INSTANCE_TYPE_RULE = "must be 1–64 characters of A-Z a-z 0-9 : . _ -, such as 1x2 or A10G:2x24x96";

    /**
     * Applies these settings to the deployment and returns the problems of the result, by field name; autoscaling
     * fields are named with {@code autoscalingPrefix} (empty when the body is the autoscaling settings themselves).
     */
    public Map<String, String> applyTo(Deployment deployment, String autoscalingPrefix) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (name != null) {
            if (isValidName(name)) {
                deployment.name = name;
            } else {
                problems.put("name", NAME_RULE);
            }
        }
        if (instanceType != null) {
            if (isValidInstanceType(instanceType)) {
                deployment.instanceType = instanceType;
            } else {
                problems.put("instance_type", INSTANCE_TYPE_RULE);
            }
        }
        AutoscalingSettings merged = deployment.autoscaling.merge(autoscalingSettings);
        merged.problems().forEach((field, problem) -> problems.put(autoscalingPrefix + field, problem));
        deployment.autoscaling = merged;
        return problems;
    }

    static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }

    static boolean isValidInstanceType(String instanceType) {
        return INSTANCE_TYPE.matcher(instanceType).matches();
    }
}
