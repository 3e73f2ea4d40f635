package io.envguard.tools.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * CloudNativePG's {@code Cluster} and {@code Database} (postgresql.cnpg.io/v1), checked against the fields of its API
 * reference: no Java model of it is published on Maven Central, so the fields are listed here. The top level of each spec
 * lists every field of the API; the blocks below it list theirs for the blocks these manifests use, and blocks typed as
 * Kubernetes types (resources, affinity) are checked with the Kubernetes models. An unlisted field fails: look it up in
 * the CloudNativePG API reference of the operator version you run, then add it here.
 */
final class CloudNativePgSchema {

    enum Scalar { STRING, INTEGER, BOOLEAN, STRING_MAP, ANY }

    /** An object's fields (name → {@link Scalar}, nested {@link Shape} or Kubernetes model class) and its required ones. */
    record Shape(Map<String, Object> fields, Set<String> required) {
    }

    private static final Shape CLUSTER_SPEC = new Shape(Map.ofEntries(
            Map.entry("description", Scalar.STRING),
            Map.entry("inheritedMetadata", Scalar.ANY),
            Map.entry("imageName", Scalar.STRING),
            Map.entry("imageCatalogRef", Scalar.ANY),
            Map.entry("imagePullPolicy", Scalar.STRING),
            Map.entry("imagePullSecrets", Scalar.ANY),
            Map.entry("schedulerName", Scalar.STRING),
            Map.entry("postgresUID", Scalar.INTEGER),
            Map.entry("postgresGID", Scalar.INTEGER),
            Map.entry("instances", Scalar.INTEGER),
            Map.entry("minSyncReplicas", Scalar.INTEGER),
            Map.entry("maxSyncReplicas", Scalar.INTEGER),
            Map.entry("postgresql", new Shape(Map.of(
                    "parameters", Scalar.STRING_MAP,
                    "synchronous", Scalar.ANY,
                    "pg_hba", Scalar.ANY,
                    "pg_ident", Scalar.ANY,
                    "syncReplicaElectionConstraint", Scalar.ANY,
                    "shared_preload_libraries", Scalar.ANY,
                    "ldap", Scalar.ANY,
                    "promotionTimeout", Scalar.INTEGER,
                    "enableAlterSystem", Scalar.BOOLEAN,
                    "extensions", Scalar.ANY), Set.of())),
            Map.entry("replicationSlots", Scalar.ANY),
            Map.entry("bootstrap", new Shape(Map.of(
                    "initdb", new Shape(Map.ofEntries(
                            Map.entry("database", Scalar.STRING),
                            Map.entry("owner", Scalar.STRING),
                            Map.entry("secret", Scalar.ANY),
                            Map.entry("options", Scalar.ANY),
                            Map.entry("dataChecksums", Scalar.BOOLEAN),
                            Map.entry("encoding", Scalar.STRING),
                            Map.entry("localeCollate", Scalar.STRING),
                            Map.entry("localeCType", Scalar.STRING),
                            Map.entry("locale", Scalar.STRING),
                            Map.entry("localeProvider", Scalar.STRING),
                            Map.entry("icuLocale", Scalar.STRING),
                            Map.entry("icuRules", Scalar.STRING),
                            Map.entry("builtinLocale", Scalar.STRING),
                            Map.entry("walSegmentSize", Scalar.INTEGER),
                            Map.entry("postInitSQL", Scalar.ANY),
                            Map.entry("postInitApplicationSQL", Scalar.ANY),
                            Map.entry("postInitTemplateSQL", Scalar.ANY),
                            Map.entry("postInitSQLRefs", Scalar.ANY),
                            Map.entry("postInitApplicationSQLRefs", Scalar.ANY),
                            Map.entry("postInitTemplateSQLRefs", Scalar.ANY),
                            Map.entry("import", Scalar.ANY)), Set.of()),
                    "recovery", Scalar.ANY,
                    "pg_basebackup", Scalar.ANY), Set.of())),
            Map.entry("replica", Scalar.ANY),
            Map.entry("superuserSecret", Scalar.ANY),
            Map.entry("enableSuperuserAccess", Scalar.BOOLEAN),
            Map.entry("certificates", Scalar.ANY),
            Map.entry("storage", new Shape(Map.of(
                    "size", Scalar.STRING,
                    "storageClass", Scalar.STRING,
                    "resizeInUseVolumes", Scalar.BOOLEAN,
                    "pvcTemplate", Scalar.ANY), Set.of())),
            Map.entry("serviceAccountTemplate", Scalar.ANY),
            Map.entry("walStorage", Scalar.ANY),
            Map.entry("ephemeralVolumeSource", Scalar.ANY),
            Map.entry("ephemeralVolumesSizeLimit", Scalar.ANY),
            Map.entry("startDelay", Scalar.INTEGER),
            Map.entry("stopDelay", Scalar.INTEGER),
            Map.entry("smartShutdownTimeout", Scalar.INTEGER),
            Map.entry("switchoverDelay", Scalar.INTEGER),
            Map.entry("failoverDelay", Scalar.INTEGER),
            Map.entry("livenessProbeTimeout", Scalar.INTEGER),
            Map.entry("affinity", Scalar.ANY),
            Map.entry("topologySpreadConstraints", Scalar.ANY),
            Map.entry("resources", ResourceRequirements.class),
            Map.entry("priorityClassName", Scalar.STRING),
            Map.entry("primaryUpdateStrategy", Scalar.STRING),
            Map.entry("primaryUpdateMethod", Scalar.STRING),
            Map.entry("backup", Scalar.ANY),
            Map.entry("nodeMaintenanceWindow", Scalar.ANY),
            Map.entry("monitoring", Scalar.ANY),
            Map.entry("externalClusters", Scalar.ANY),
            Map.entry("logLevel", Scalar.STRING),
            Map.entry("projectedVolumeTemplate", Scalar.ANY),
            Map.entry("env", Scalar.ANY),
            Map.entry("envFrom", Scalar.ANY),
            Map.entry("managed", Scalar.ANY),
            Map.entry("seccompProfile", Scalar.ANY),
            Map.entry("podSecurityContext", Scalar.ANY),
            Map.entry("securityContext", Scalar.ANY),
            Map.entry("tablespaces", Scalar.ANY),
            Map.entry("enablePDB", Scalar.BOOLEAN),
            Map.entry("plugins", Scalar.ANY),
            Map.entry("probes", Scalar.ANY)), Set.of("instances", "storage"));

    private static final Shape DATABASE_SPEC = new Shape(Map.ofEntries(
            Map.entry("cluster", new Shape(Map.of("name", Scalar.STRING), Set.of("name"))),
            Map.entry("ensure", Scalar.STRING),
            Map.entry("name", Scalar.STRING),
            Map.entry("owner", Scalar.STRING),
            Map.entry("template", Scalar.STRING),
            Map.entry("encoding", Scalar.STRING),
            Map.entry("locale", Scalar.STRING),
            Map.entry("localeProvider", Scalar.STRING),
            Map.entry("localeCollate", Scalar.STRING),
            Map.entry("localeCType", Scalar.STRING),
            Map.entry("icuLocale", Scalar.STRING),
            Map.entry("icuRules", Scalar.STRING),
            Map.entry("builtinLocale", Scalar.STRING),
            Map.entry("collationVersion", Scalar.STRING),
            Map.entry("isTemplate", Scalar.BOOLEAN),
            Map.entry("allowConnections", Scalar.BOOLEAN),
            Map.entry("connectionLimit", Scalar.INTEGER),
            Map.entry("tablespace", Scalar.STRING),
            Map.entry("databaseReclaimPolicy", Scalar.STRING),
            Map.entry("schemas", Scalar.ANY),
            Map.entry("extensions", Scalar.ANY),
            Map.entry("fdws", Scalar.ANY),
            Map.entry("servers", Scalar.ANY)), Set.of("cluster", "name", "owner"));

    private static final Map<String, Shape> SPECS = Map.of("Cluster", CLUSTER_SPEC, "Database", DATABASE_SPEC);

    static final String API_VERSION = "postgresql.cnpg.io/v1";

    private final KubernetesSchema kubernetes;

    CloudNativePgSchema(KubernetesSchema kubernetes) {
        this.kubernetes = kubernetes;
    }

    static boolean knows(String apiVersion, String kind) {
        return API_VERSION.equals(apiVersion) && SPECS.containsKey(kind);
    }

    void validate(JsonNode object, String where, Problems problems) {
        Shape spec = SPECS.get(object.path("kind").asText());
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!Set.of("apiVersion", "kind", "metadata", "spec").contains(field)) {
                problems.add(where, "unknown field " + field);
            }
        }
        kubernetes.validateAs(object.path("metadata"), ObjectMeta.class, where + " metadata", problems);
        if (!object.has("spec")) {
            problems.add(where, "missing required field spec");
            return;
        }
        check(object.get("spec"), spec, "spec", where, problems);
    }

    private void check(JsonNode node, Object type, String path, String where, Problems problems) {
        if (type instanceof Shape shape) {
            if (!node.isObject()) {
                problems.add(where, path + " must be an object");
                return;
            }
            for (String required : shape.required()) {
                if (!node.has(required)) {
                    problems.add(where, "missing required field " + path + "." + required);
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                Object fieldType = shape.fields().get(field.getKey());
                if (fieldType == null) {
                    problems.add(where, "unknown field " + path + "." + field.getKey());
                } else {
                    check(field.getValue(), fieldType, path + "." + field.getKey(), where, problems);
                }
            }
        } else if (type instanceof Class<?> model) {
            kubernetes.validateAs(node, model, where + " " + path, problems);
        } else {
            boolean ok = switch ((Scalar) type) {
                case STRING -> node.isTextual();
                case INTEGER -> node.isIntegralNumber();
                case BOOLEAN -> node.isBoolean();
                case STRING_MAP -> node.isObject() && allTextual(node);
                case ANY -> true;
            };
            if (!ok) {
                problems.add(where, path + " must be " + type.toString().toLowerCase().replace('_', ' ')
                        + (type == Scalar.STRING_MAP ? " (quote numbers)" : ""));
            }
        }
    }

    private static boolean allTextual(JsonNode node) {
        for (JsonNode value : node) {
            if (!value.isTextual()) {
                return false;
            }
        }
        return true;
    }
}
