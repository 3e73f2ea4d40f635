package io.envguard.tools.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks what bin/validate-deploy hands it:
 * <pre>
 *   ValidateDeploy ROOT COMPOSE_CONFIG OVERLAY=RENDERED.yaml...
 * </pre>
 * ROOT is the repository, COMPOSE_CONFIG the output of {@code docker-compose config} for docker/compose.yaml, each
 * RENDERED.yaml the output of {@code kubectl kustomize} for one overlay. Each object is checked against its schema
 * ({@link KubernetesSchema}, {@link CloudNativePgSchema}), the services' Deployments against {@link DeploymentPolicy}, every
 * environment variable given to a service against {@link ServiceConfiguration}, Kafka's users and ACLs against
 * {@link KafkaAccess}, the Ingress against routes.conf and
 * the gateway's limits.
 * Exits 1 and lists every problem when there is any.
 */
public final class ValidateDeploy {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern ROUTE = Pattern.compile("location\\s+~\\s+(\\S+)\\s*\\{\\s*proxy_pass\\s+http://(\\w+);");
    /** The gateway's catch-all in compose.conf: everything outside the API goes to the web console. */
    private static final Pattern CONSOLE_ROUTE = Pattern.compile("location\\s+/\\s*\\{\\s*proxy_pass\\s+http://(\\w+);");
    private static final Pattern UPSTREAM = Pattern.compile("upstream\\s+(\\w+)\\s*\\{");
    private static final Pattern ADDRESS_RATE_ZONE =
            Pattern.compile("limit_req_zone\\s+\\$binary_remote_addr\\s+zone=(\\w+):\\S+\\s+rate=(\\d+)r/s;");
    private static final Pattern ADDRESS_CONNECTION_ZONE =
            Pattern.compile("limit_conn_zone\\s+\\$binary_remote_addr\\s+zone=(\\w+):");
    private static final String INGRESS_NGINX = "nginx.ingress.kubernetes.io/";

    private final Path root;
    private final Problems problems = new Problems();
    private final KubernetesSchema kubernetes = new KubernetesSchema();
    private final CloudNativePgSchema cloudNativePg = new CloudNativePgSchema(kubernetes);
    private final DeploymentPolicy policy = new DeploymentPolicy();
    private final Map<String, ServiceConfiguration> services = new HashMap<>();

    private ValidateDeploy(Path root) {
        this.root = root;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: ValidateDeploy ROOT COMPOSE_CONFIG OVERLAY=RENDERED.yaml...");
            System.exit(2);
        }
        ValidateDeploy validation = new ValidateDeploy(Path.of(args[0]));
        int objects = 0;
        for (int i = 2; i < args.length; i++) {
            String[] overlay = args[i].split("=", 2);
            objects += validation.checkOverlay(overlay[0], Path.of(overlay[1]));
        }
        int composeServices = validation.checkCompose(Path.of(args[1]));
        validation.checkComposeGateway();

        if (validation.problems.isEmpty()) {
            System.out.printf("deploy-validation: %d Kubernetes objects in %d overlays and %d compose services: no problem%n",
                    objects, args.length - 2, composeServices);
            return;
        }
        for (String problem : validation.problems.all()) {
            System.err.println("  " + problem);
        }
        System.err.printf("deploy-validation: %d problem(s)%n", validation.problems.size());
        System.exit(1);
    }

    // ---------------------------------------------------------------- Kubernetes

    private int checkOverlay(String overlay, Path rendered) throws IOException {
        List<JsonNode> objects = readAll(rendered);
        Map<String, JsonNode> configMaps = new HashMap<>();
        for (JsonNode object : objects) {
            if ("ConfigMap".equals(object.path("kind").asText())) {
                configMaps.put(object.path("metadata").path("name").asText(), object);
            }
        }
        for (JsonNode object : objects) {
            String apiVersion = object.path("apiVersion").asText();
            String kind = object.path("kind").asText();
            String where = overlay + ": " + kind + "/" + object.path("metadata").path("name").asText();
            if (CloudNativePgSchema.knows(apiVersion, kind)) {
                cloudNativePg.validate(object, where, problems);
            } else {
                kubernetes.validate(object, where, problems);
            }
            if ("Deployment".equals(kind)) {
                checkDeploymentEnvironment(object, configMaps, where);
            }
            if ("Ingress".equals(kind)) {
                checkIngressRoutes(object, where);
                checkIngressLimits(object, where);
            }
        }
        policy.check(overlay, objects, problems);
        Map<String, Boolean> kafkaClients = new HashMap<>();
        for (JsonNode object : objects) {
            for (JsonNode container : object.path("spec").path("template").path("spec").path("containers")) {
                String name = container.path("name").asText();
                ServiceConfiguration service = service(name);
                kafkaClients.put(name, service != null && service.reads("KAFKA_BOOTSTRAP_SERVERS"));
            }
        }
        KafkaAccess.check(overlay, objects, name -> kafkaClients.getOrDefault(name, false), problems);
        return objects.size();
    }

    /** Every variable a container gets, directly or through envFrom, must be one its service reads. */
    private void checkDeploymentEnvironment(JsonNode deployment, Map<String, JsonNode> configMaps, String where) throws IOException {
        for (JsonNode container : deployment.path("spec").path("template").path("spec").path("containers")) {
            String name = container.path("name").asText();
            ServiceConfiguration service = service(name);
            if (service == null) {
                problems.add(where, "container " + name + " is no service of this repository (no " + name
                        + "/src/main/resources/application.properties): its environment cannot be checked");
                continue;
            }
            for (JsonNode variable : container.path("env")) {
                checkKey(service, variable.path("name").asText(), where + " container " + name + " env");
            }
            for (JsonNode source : container.path("envFrom")) {
                if (source.has("secretRef")) {
                    problems.add(where, "container " + name + " takes a whole Secret (envFrom.secretRef): its keys cannot be"
                            + " checked; name each variable with env[].valueFrom.secretKeyRef instead");
                    continue;
                }
                String configMapName = source.path("configMapRef").path("name").asText();
                JsonNode configMap = configMaps.get(configMapName);
                if (configMap == null) {
                    problems.add(where, "container " + name + " takes ConfigMap " + configMapName + ", which is not rendered");
                    continue;
                }
                String prefix = source.path("prefix").asText("");
                for (Iterator<String> keys = configMap.path("data").fieldNames(); keys.hasNext(); ) {
                    checkKey(service, prefix + keys.next(), where + " container " + name + " from ConfigMap " + configMapName);
                }
            }
        }
    }

    /**
     * The Ingress routes exactly what docker/nginx/routes.conf routes, to the same services, and everything else to
     * the web console as docker/nginx/compose.conf does.
     */
    private void checkIngressRoutes(JsonNode ingress, String where) throws IOException {
        Map<String, String> expected = new TreeMap<>();
        Matcher route = ROUTE.matcher(Files.readString(root.resolve("docker/nginx/routes.conf")));
        while (route.find()) {
            expected.put(route.group(1), route.group(2).replace('_', '-'));
        }
        Matcher console = CONSOLE_ROUTE.matcher(Files.readString(root.resolve("docker/nginx/compose.conf")));
        if (console.find()) {
            expected.put("^/", console.group(1).replace('_', '-'));
        }
        for (JsonNode rule : ingress.path("spec").path("rules")) {
            Map<String, String> actual = new TreeMap<>();
            for (JsonNode path : rule.path("http").path("paths")) {
                actual.put("^" + path.path("path").asText(), path.path("backend").path("service").path("name").asText());
            }
            if (!actual.equals(expected)) {
                problems.add(where, "routes differ from docker/nginx/routes.conf and compose.conf: Ingress " + actual
                        + ", gateway " + expected);
            }
        }
    }

    /** The Ingress limits each client address as the gateway does (ingress-nginx has no limit per credential). */
    private void checkIngressLimits(JsonNode ingress, String where) throws IOException {
        Map<String, String> expected = gatewayLimitsPerAddress();
        Map<String, String> actual = new TreeMap<>();
        for (String annotation : List.of("limit-rps", "limit-burst-multiplier", "limit-connections")) {
            JsonNode value = ingress.path("metadata").path("annotations").path(INGRESS_NGINX + annotation);
            if (!value.isMissingNode()) {
                actual.put(annotation, value.asText());
            }
        }
        if (!actual.equals(expected)) {
            problems.add(where, "limits differ from docker/nginx/limits.conf and routes.conf: Ingress " + actual
                    + ", gateway " + expected);
        }
    }

    /** The gateway's limits per client address, named as ingress-nginx's annotations name them. */
    private Map<String, String> gatewayLimitsPerAddress() throws IOException {
        String zones = Files.readString(root.resolve("docker/nginx/limits.conf"));
        String routes = Files.readString(root.resolve("docker/nginx/routes.conf"));
        Map<String, String> limits = new TreeMap<>();
        Matcher rate = ADDRESS_RATE_ZONE.matcher(zones);
        if (rate.find()) {
            limits.put("limit-rps", rate.group(2));
            Matcher burst = Pattern.compile("limit_req\\s+zone=" + rate.group(1) + "\\s+burst=(\\d+)").matcher(routes);
            if (burst.find()) {
                // ingress-nginx sets the burst as a multiple of the rate: only a whole multiple can be mirrored.
                int perSecond = Integer.parseInt(rate.group(2));
                int requests = Integer.parseInt(burst.group(1));
                if (requests % perSecond != 0) {
                    problems.add("docker/nginx/routes.conf", "burst " + requests + " is no whole multiple of "
                            + perSecond + " r/s, so the Ingress cannot mirror it");
                }
                limits.put("limit-burst-multiplier", String.valueOf(requests / perSecond));
            }
        }
        Matcher connectionZone = ADDRESS_CONNECTION_ZONE.matcher(zones);
        if (connectionZone.find()) {
            Matcher connections = Pattern.compile("limit_conn\\s+" + connectionZone.group(1) + "\\s+(\\d+);")
                    .matcher(routes);
            if (connections.find()) {
                limits.put("limit-connections", connections.group(1));
            }
        }
        return limits;
    }

    // ---------------------------------------------------------------- compose

    private int checkCompose(Path composeConfig) throws IOException {
        JsonNode compose = YAML.readTree(composeConfig.toFile());
        int count = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = compose.path("services").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            count++;
            ServiceConfiguration service = service(entry.getKey());
            if (service == null) {
                if (entry.getValue().has("build")) {
                    problems.add("docker/compose.yaml: service " + entry.getKey(), "is built here but is no service of this"
                            + " repository (no " + entry.getKey() + "/src/main/resources/application.properties)");
                }
                continue; // postgres, kafka, gateway: images of their own, configured as their documentation says
            }
            for (Map.Entry<String, String> variable : environment(entry.getValue().path("environment")).entrySet()) {
                checkKey(service, variable.getKey(), "docker/compose.yaml: service " + entry.getKey() + " environment");
            }
            if (service.quarkus && !"prod".equals(environment(entry.getValue().path("environment")).get("QUARKUS_PROFILE"))) {
                problems.add("docker/compose.yaml: service " + entry.getKey(), "must run the production profile (QUARKUS_PROFILE=prod)");
            }
        }
        if (count == 0) {
            problems.add("docker/compose.yaml", "no services");
        }
        return count;
    }

    /** docker/nginx/compose.conf defines every upstream that routes.conf proxies to. */
    private void checkComposeGateway() throws IOException {
        List<String> defined = new ArrayList<>();
        Matcher upstream = UPSTREAM.matcher(Files.readString(root.resolve("docker/nginx/compose.conf")));
        while (upstream.find()) {
            defined.add(upstream.group(1));
        }
        Matcher route = ROUTE.matcher(Files.readString(root.resolve("docker/nginx/routes.conf")));
        while (route.find()) {
            if (!defined.contains(route.group(2))) {
                problems.add("docker/nginx/compose.conf", "no upstream " + route.group(2) + " (routes.conf proxies to it)");
            }
        }
        Matcher console = CONSOLE_ROUTE.matcher(Files.readString(root.resolve("docker/nginx/compose.conf")));
        if (!console.find()) {
            problems.add("docker/nginx/compose.conf", "no `location / { proxy_pass http://console; }`: the web console is not served");
        } else if (!defined.contains(console.group(1))) {
            problems.add("docker/nginx/compose.conf", "no upstream " + console.group(1) + " (location / proxies to it)");
        }
    }

    /** compose's environment is a map after `docker-compose config`; a list of NAME=value is accepted too. */
    private static Map<String, String> environment(JsonNode node) {
        Map<String, String> variables = new LinkedHashMap<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> variables.put(e.getKey(), e.getValue().asText()));
        } else {
            for (JsonNode item : node) {
                String[] pair = item.asText().split("=", 2);
                variables.put(pair[0], pair.length > 1 ? pair[1] : "");
            }
        }
        return variables;
    }

    // ---------------------------------------------------------------- shared

    private void checkKey(ServiceConfiguration service, String variable, String where) {
        if (!service.reads(variable)) {
            problems.add(where, variable + " is read by no configuration of " + service.service + (service.quarkus
                    ? " (its application.properties, @ConfigProperty/@ConfigMapping, Dockerfile ENV, QUARKUS_PROFILE)"
                    : " (the ${...} of docker/nginx/console-server.conf.template, its Dockerfile ENV)"));
        }
    }

    private ServiceConfiguration service(String name) throws IOException {
        if (!services.containsKey(name)) {
            if (ServiceConfiguration.CONSOLE.equals(name)) {
                services.put(name, ServiceConfiguration.console(root));
            } else {
                services.put(name, ServiceConfiguration.isService(root, name) ? ServiceConfiguration.read(root, name) : null);
            }
        }
        return services.get(name);
    }

    private static List<JsonNode> readAll(Path file) throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(file.toFile())) {
            Iterator<JsonNode> documents = YAML.readValues(parser, JsonNode.class);
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    objects.add(document);
                }
            }
        }
        return objects;
    }
}
