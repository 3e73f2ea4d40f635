package io.envguard.tools.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTarget;
import io.fabric8.kubernetes.api.model.autoscaling.v2.ResourceMetricSource;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressRuleValue;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates one rendered object against its API's model: fabric8's classes, generated from the Kubernetes OpenAPI, for the
 * built-in kinds, Strimzi's own API classes for its custom resources. A field the model does not know lands in the model's
 * {@code additionalProperties} (the API server would prune or reject it): that is reported as an unknown field. Types are
 * checked by the strict deserialisation (no string for a number, no number for a string), and required fields by the
 * Kubernetes OpenAPI's {@code required} lists of the types used here, and by Strimzi's
 * {@code @JsonProperty(required = true)}.
 */
final class KubernetesSchema {

    /** apiVersion/kind → model class. A kind not listed here fails: add its model rather than skip it. */
    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1/KafkaUser", KafkaUser.class));

    /** The OpenAPI `required` lists of the Kubernetes types these manifests use (fabric8's classes do not carry them). */
    private static final Map<Class<?>, List<String>> REQUIRED = Map.ofEntries(
            Map.entry(DeploymentSpec.class, List.of("selector", "template")),
            Map.entry(PodSpec.class, List.of("containers")),
            Map.entry(Container.class, List.of("name", "image")),
            Map.entry(ContainerPort.class, List.of("containerPort")),
            Map.entry(EnvVar.class, List.of("name")),
            Map.entry(ConfigMapKeySelector.class, List.of("key")),
            Map.entry(SecretKeySelector.class, List.of("key")),
            Map.entry(HTTPGetAction.class, List.of("port")),
            Map.entry(Volume.class, List.of("name")),
            Map.entry(VolumeMount.class, List.of("name", "mountPath")),
            Map.entry(TopologySpreadConstraint.class, List.of("maxSkew", "topologyKey", "whenUnsatisfiable")),
            Map.entry(ServicePort.class, List.of("port")),
            Map.entry(HorizontalPodAutoscalerSpec.class, List.of("scaleTargetRef", "maxReplicas")),
            Map.entry(CrossVersionObjectReference.class, List.of("kind", "name")),
            Map.entry(MetricSpec.class, List.of("type")),
            Map.entry(ResourceMetricSource.class, List.of("name", "target")),
            Map.entry(MetricTarget.class, List.of("type")),
            Map.entry(HTTPIngressRuleValue.class, List.of("paths")),
            Map.entry(HTTPIngressPath.class, List.of("pathType", "backend")),
            Map.entry(IngressServiceBackend.class, List.of("name")),
            // Strimzi's v1 requires spec; its model says so with @RequiredInVersions("v1+"), whose annotation jar Maven
            // Central does not hold for 0.51.0.
            Map.entry(Kafka.class, List.of("spec")),
            Map.entry(KafkaNodePool.class, List.of("spec")),
            Map.entry(KafkaTopic.class, List.of("spec")),
            Map.entry(KafkaUser.class, List.of("spec")));

    private final ObjectMapper mapper = strictMapper();

    /** Deserialises {@code object} into its model and reports every unknown field, wrong type and missing required field. */
    void validate(JsonNode object, String where, Problems problems) {
        String key = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
        Class<?> model = MODELS.get(key);
        if (model == null) {
            problems.add(where, "no schema for " + key + " (known: " + String.join(", ", MODELS.keySet()) + ")");
            return;
        }
        if (object.path("metadata").path("name").asText().isEmpty()) {
            problems.add(where, "missing metadata.name");
        }
        validateAs(object, model, where, problems);
    }

    /** The same check for a part of an object whose type is a Kubernetes model class (used inside custom resources). */
    void validateAs(JsonNode node, Class<?> model, String where, Problems problems) {
        Object typed;
        try {
            typed = mapper.treeToValue(node, model);
        } catch (JsonMappingException e) {
            problems.add(where, "does not match the schema of " + model.getSimpleName() + " at " + jsonPath(e) + ": "
                    + firstLine(e.getOriginalMessage()));
            return;
        } catch (Exception e) {
            problems.add(where, "does not match the schema of " + model.getSimpleName() + ": " + firstLine(e.getMessage()));
            return;
        }
        walk(typed, "", where, problems);
    }

    private void walk(Object value, String path, String where, Problems problems) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?>) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", where, problems);
            }
            return;
        }
        if (value instanceof Map<?, ?> entries) {
            entries.forEach((k, v) -> walk(v, path + "." + k, where, problems));
            return;
        }
        Class<?> type = value.getClass();
        if (!type.getName().startsWith("io.fabric8.") && !type.getName().startsWith("io.strimzi.")) {
            return;
        }
        Map<String, Object> unknown = additionalProperties(value);
        for (String field : unknown.keySet()) {
            problems.add(where, "unknown field " + (path.isEmpty() ? "" : path.substring(1) + ".") + field
                    + " (not in " + type.getSimpleName() + ")");
        }
        JavaType javaType = mapper.constructType(type);
        for (BeanPropertyDefinition property : mapper.getSerializationConfig().introspect(javaType).findProperties()) {
            if (!property.couldSerialize() || property.getAccessor() == null) {
                continue;
            }
            Object child = property.getAccessor().getValue(value);
            String childPath = path + "." + property.getName();
            if (child == null && isRequired(type, property)) {
                problems.add(where, "missing required field " + childPath.substring(1));
            }
            walk(child, childPath, where, problems);
        }
    }

    private static boolean isRequired(Class<?> type, BeanPropertyDefinition property) {
        if (REQUIRED.getOrDefault(type, List.of()).contains(property.getName())) {
            return true;
        }
        // Strimzi marks its required fields with @JsonProperty(required = true).
        JsonProperty json = property.getGetter() == null ? null : property.getGetter().getAnnotated().getAnnotation(JsonProperty.class);
        return json != null && json.required();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> additionalProperties(Object value) {
        try {
            Method getter = value.getClass().getMethod("getAdditionalProperties");
            Object result = getter.invoke(value);
            return result instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        } catch (NoSuchMethodException e) {
            return Map.of();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where in the object Jackson stopped: spec.metrics[0].resource.target.averageUtilization. */
    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(top level)" : path.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        // The API server rejects `replicas: "2"` and `name: 8080`: so does this mapper.
        for (LogicalType type : Set.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean, LogicalType.Textual)) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.String, type == LogicalType.Textual ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, type == LogicalType.Integer || type == LogicalType.Float
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, type == LogicalType.Boolean ? CoercionAction.TryConvert : CoercionAction.Fail);
        }
        return mapper;
    }
}
