package io.envguard.deployment.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.envguard.deployment.deployment.AutoscalingSettings;
import io.envguard.deployment.deployment.ChainletView;
import io.envguard.deployment.deployment.Deployment;
import io.envguard.deployment.deployment.DeploymentSettings;
import io.envguard.deployment.environment.EnvironmentService;
import io.envguard.deployment.workload.Environment;
import io.envguard.deployment.workload.PromotionSettings;
import io.envguard.deployment.workload.Workload;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An audit entry as one of Baseten's audit events ({@code event_type} and its {@code event_data}, whose schemas admit no
 * other field). What was asked stays in the entry's {@code details}; the event shows the model or chain, deployment and
 * environment by their names and settings as they are when the log is read. Envguard's actions map as follows:
 * <ul>
 *   <li>{@code CREATE_DEPLOYMENT}: {@code MODEL_DEPLOYED}, {@code CHAIN_DEPLOYED};</li>
 *   <li>{@code PROMOTE}: {@code MODEL_DEPLOYMENT_PROMOTED}, {@code CHAIN_DEPLOYMENT_PROMOTED};</li>
 *   <li>{@code UPDATE_AUTOSCALING}: {@code MODEL_DEPLOYMENT_AUTOSCALING_SETTINGS_CHANGED},
 *       {@code CHAINLET_AUTOSCALING_SETTINGS_CHANGED};</li>
 *   <li>{@code UPDATE_DEPLOYMENT}: {@code MODEL_DEPLOYMENT_INSTANCE_TYPE_CHANGED}, {@code CHAINLET_INSTANCE_TYPE_CHANGED};</li>
 *   <li>{@code MANAGE_ENVIRONMENT}: {@code ENVIRONMENT_CREATED|UPDATED|DELETED}, {@code CHAIN_ENVIRONMENT_CREATED|UPDATED}
 *       (the spec has no event for deleting a chain's environment: {@code ENVIRONMENT_DELETED} with the chain in
 *       {@code model_id} and {@code model_name});</li>
 *   <li>{@code CREATE_MODEL}, {@code CREATE_CHAIN}: the creation of its {@code production} environment
 *       ({@code ENVIRONMENT_CREATED}, {@code CHAIN_ENVIRONMENT_CREATED}); a model's first deployment has an entry of
 *       its own.</li>
 * </ul>
 */
final class AuditEvents {

    private AuditEvents() {
    }

    /** What the events of a page read: the models and chains, deployments and environments its entries name. */
    record Lookup(Map<UUID, Workload> workloads, Map<UUID, Deployment> deployments, Map<String, Environment> environments) {

        static String key(UUID workloadId, String environment) {
            return workloadId + "/" + environment;
        }

        Environment environment(UUID workloadId, String name) {
            return environments.get(key(workloadId, name));
        }
    }

    record Event(String type, Map<String, Object> data) {
    }

    static Event of(AuditEntry entry, JsonNode details, Lookup lookup) {
        boolean model = "MODEL".equals(entry.workloadKind);
        Workload workload = lookup.workloads().get(entry.workloadId);
        String workloadName = workload == null ? "" : workload.name;
        UUID deploymentId = entry.deploymentId != null ? entry.deploymentId : askedDeployment(details);
        Deployment deployment = deploymentId == null ? null : lookup.deployments().get(deploymentId);
        Named named = new Named(model, String.valueOf(entry.workloadId), workloadName,
                deploymentId == null ? "" : deploymentId.toString(), deployment == null ? "" : deployment.name);
        String environment = entry.environment != null ? entry.environment : Environment.PRODUCTION;
        return switch (entry.action) {
            case "CREATE_DEPLOYMENT" -> model
                    ? named.model("MODEL_DEPLOYED", Map.of("scale_previous_to_zero", false, "trusted", false,
                            "publish", false), "environment_name", null)
                    : named.chain("CHAIN_DEPLOYED", Map.of("is_primary", false, "publish", false));
            case "PROMOTE" -> {
                Environment target = lookup.environment(entry.workloadId, environment);
                Map<String, Object> place = new LinkedHashMap<>();
                place.put("environment_name", environment);
                place.put("environment_id", target == null ? null : target.id.toString());
                yield model ? named.model("MODEL_DEPLOYMENT_PROMOTED", place, null, null)
                        : named.chain("CHAIN_DEPLOYMENT_PROMOTED", place);
            }
            case "UPDATE_AUTOSCALING" -> {
                Map<String, Object> settings = autoscaling(deployment == null ? null : deployment.autoscaling);
                if (model) {
                    settings.put("schedules", null);
                    settings.put("deployment_type", null);
                    settings.put("previous_settings", null);
                    yield named.model("MODEL_DEPLOYMENT_AUTOSCALING_SETTINGS_CHANGED", settings, null, null);
                }
                settings.putAll(named.chainlet(details));
                settings.put("previous_settings", null);
                yield named.chain("CHAINLET_AUTOSCALING_SETTINGS_CHANGED", settings);
            }
            case "UPDATE_DEPLOYMENT" -> {
                String instanceType = deployment == null ? DeploymentSettings.DEFAULT_INSTANCE_TYPE : deployment.instanceType;
                if (model) {
                    yield named.model("MODEL_DEPLOYMENT_INSTANCE_TYPE_CHANGED", Map.of("instance_type_name", instanceType),
                            null, null);
                }
                Map<String, Object> data = new LinkedHashMap<>(named.chainlet(details));
                data.put("instance_type_name", instanceType);
                yield named.chain("CHAINLET_INSTANCE_TYPE_CHANGED", data);
            }
            case "MANAGE_ENVIRONMENT" -> environmentEvent(named, operation(details), environment, lookup, entry.workloadId);
            default -> environmentEvent(named, EnvironmentService.CREATE, Environment.PRODUCTION, lookup, entry.workloadId);
        };
    }

    /** The model's or chain's names and the deployment's, in the fields each kind of event gives them. */
    private record Named(boolean model, String workloadId, String workloadName, String deploymentId, String deploymentName) {

        Event model(String type, Map<String, Object> fields, String extraField, Object extraValue) {
            Map<String, Object> data = start(type);
            data.put("model_id", workloadId);
            data.put("model_name", workloadName);
            data.put("deployment_id", deploymentId);
            data.put("deployment_name", deploymentName);
            data.putAll(fields);
            if (extraField != null) {
                data.put(extraField, extraValue);
            }
            return new Event(type, data);
        }

        Event chain(String type, Map<String, Object> fields) {
            Map<String, Object> data = start(type);
            data.put("chain_id", workloadId);
            data.put("chain_name", workloadName);
            data.put("chain_deployment_id", deploymentId);
            data.put("chain_deployment_name", deploymentName);
            data.putAll(fields);
            return new Event(type, data);
        }

        Event environment(String type, String environment, Map<String, Object> fields) {
            Map<String, Object> data = start(type);
            data.put(model || !type.startsWith("CHAIN") ? "model_id" : "chain_id", workloadId);
            data.put(model || !type.startsWith("CHAIN") ? "model_name" : "chain_name", workloadName);
            data.put("environment_name", environment);
            data.putAll(fields);
            return new Event(type, data);
        }

        /** The chainlet a chain's change names (the first its updates name), or none ({@code ""}). */
        Map<String, Object> chainlet(JsonNode details) {
            String name = details == null ? "" : details.path("updates").path(0).path("chainlet_name").asText("");
            Map<String, Object> chainlet = new LinkedHashMap<>();
            chainlet.put("chainlet_name", name);
            chainlet.put("chainlet_id", deploymentId.isEmpty() || name.isEmpty() ? "" : ChainletView.idOf(UUID.fromString(deploymentId), name));
            return chainlet;
        }

        private static Map<String, Object> start(String type) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("event_type", type);
            return data;
        }
    }

    private static Event environmentEvent(Named named, String operation, String environment, Lookup lookup, UUID workloadId) {
        if (EnvironmentService.DELETE.equals(operation)) {
            return named.environment("ENVIRONMENT_DELETED", environment, Map.of());
        }
        Environment row = lookup.environment(workloadId, environment);
        PromotionSettings promotion = row == null || row.promotionSettings == null ? PromotionSettings.DEFAULTS : row.promotionSettings;
        boolean created = EnvironmentService.CREATE.equals(operation);
        if (!named.model()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("redeploy_on_promotion", promotion.redeployOnPromotion());
            fields.put("ramp_up_while_promoting", promotion.rampUpWhilePromoting());
            fields.put("ramp_up_duration_seconds", promotion.rampUpDurationSeconds());
            return named.environment(created ? "CHAIN_ENVIRONMENT_CREATED" : "CHAIN_ENVIRONMENT_UPDATED", environment, fields);
        }
        Deployment current = row == null || row.currentDeploymentId == null ? null : lookup.deployments().get(row.currentDeploymentId);
        Map<String, Object> fields = autoscaling(current == null ? null : current.autoscaling);
        fields.put("redeploy_on_promotion", promotion.redeployOnPromotion());
        fields.put("rolling_deploy", promotion.rollingDeploy());
        fields.put("rolling_deploy_strategy", null);
        fields.put("max_unavailable_percent", null);
        fields.put("max_surge_percent", null);
        fields.put("stabilization_time_seconds", null);
        fields.put("replica_overhead_percent", null);
        fields.put("promotion_cleanup_strategy", promotion.promotionCleanupStrategy());
        fields.put("ramp_up_while_promoting", promotion.rampUpWhilePromoting());
        fields.put("ramp_up_duration_seconds", promotion.rampUpDurationSeconds());
        fields.put("ramp_up_step_size", null);
        fields.put("deployment_type", null);
        if (!created) {
            fields.put("schedules", null);
            fields.put("previous_settings", null);
        }
        return named.environment(created ? "ENVIRONMENT_CREATED" : "ENVIRONMENT_UPDATED", environment, fields);
    }

    /** Settings as {@code AuditLogEventAutoscalingSettingsV1} shows them (the defaults when the deployment is gone). */
    private static Map<String, Object> autoscaling(AutoscalingSettings settings) {
        AutoscalingSettings shown = settings == null ? AutoscalingSettings.DEFAULTS : settings;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("min_replica", shown.minReplica());
        fields.put("max_replica", shown.maxReplica());
        fields.put("concurrency_target", shown.concurrencyTarget());
        fields.put("autoscaling_window", shown.autoscalingWindow());
        fields.put("scale_down_delay", shown.scaleDownDelay());
        fields.put("target_utilization_percentage", shown.targetUtilizationPercentage());
        fields.put("target_in_flight_tokens", null);
        fields.put("max_scale_down_rate", null);
        return fields;
    }

    /** Which of creation, update or deletion a {@code MANAGE_ENVIRONMENT} entry records (see {@link EnvironmentService}). */
    private static String operation(JsonNode details) {
        return details == null ? null : details.path(EnvironmentService.OPERATION).asText(null);
    }

    /** The deployment a refused promote asked for, when the entry names none. */
    private static UUID askedDeployment(JsonNode details) {
        String id = details == null ? null : details.path("deployment_id").asText(null);
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
