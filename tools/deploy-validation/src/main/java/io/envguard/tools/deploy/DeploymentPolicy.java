package io.envguard.tools.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules every service Deployment of an overlay keeps (issue 7): probes on Quarkus' health endpoints (the console's
 * nginx on /healthz), requests and limits, a non-root read-only container without capabilities and a writable /tmp, a
 * PodDisruptionBudget; and the overlay-wide ones: an autoscaler for authz-service and deployment-service, a
 * NetworkPolicy for each service.
 */
final class DeploymentPolicy {

    private static final Set<String> AUTOSCALED = Set.of("authz-service", "deployment-service");

    void check(String overlay, List<JsonNode> objects, Problems problems) {
        Set<String> services = new TreeSet<>();
        Set<String> autoscaled = new TreeSet<>();
        Set<String> budgeted = new TreeSet<>();
        Set<String> policed = new TreeSet<>();
        for (JsonNode object : objects) {
            String name = object.path("metadata").path("name").asText();
            switch (object.path("kind").asText()) {
                case "Deployment" -> {
                    services.add(name);
                    checkDeployment(object, overlay + ": Deployment/" + name, problems);
                }
                case "HorizontalPodAutoscaler" -> autoscaled.add(object.path("spec").path("scaleTargetRef").path("name").asText());
                case "PodDisruptionBudget" -> budgeted.add(selected(object.path("spec").path("selector")));
                case "NetworkPolicy" -> policed.add(selected(object.path("spec").path("podSelector")));
                default -> { }
            }
        }
        for (String service : services) {
            if (!budgeted.contains(service)) {
                problems.add(overlay + ": Deployment/" + service, "no PodDisruptionBudget selects it");
            }
            if (!policed.contains(service)) {
                problems.add(overlay + ": Deployment/" + service, "no NetworkPolicy selects it");
            }
        }
        for (String service : AUTOSCALED) {
            if (!autoscaled.contains(service)) {
                problems.add(overlay + ": Deployment/" + service, "no HorizontalPodAutoscaler scales it");
            }
        }
    }

    private static String selected(JsonNode selector) {
        return selector.path("matchLabels").path("app.kubernetes.io/name").asText();
    }

    private static void checkDeployment(JsonNode deployment, String where, Problems problems) {
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        Set<String> emptyDirs = new TreeSet<>();
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.has("emptyDir")) {
                emptyDirs.add(volume.path("name").asText());
            }
        }
        for (JsonNode container : pod.path("containers")) {
            String at = where + " container " + container.path("name").asText();
            // The console's nginx has one health endpoint (docker/nginx/console-server.conf.template); services are Quarkus.
            boolean console = ServiceConfiguration.CONSOLE.equals(container.path("name").asText());
            expect(container.path("readinessProbe").path("httpGet").path("path").asText(),
                    console ? "/healthz" : "/q/health/ready", at, "readinessProbe.httpGet.path", problems);
            expect(container.path("livenessProbe").path("httpGet").path("path").asText(),
                    console ? "/healthz" : "/q/health/live", at, "livenessProbe.httpGet.path", problems);
            for (String kind : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    if (!container.path("resources").path(kind).has(resource)) {
                        problems.add(at, "no resources." + kind + "." + resource);
                    }
                }
            }
            JsonNode security = container.path("securityContext");
            boolean nonRoot = security.path("runAsNonRoot").asBoolean(pod.path("securityContext").path("runAsNonRoot").asBoolean());
            if (!nonRoot) {
                problems.add(at, "runAsNonRoot is not true (pod or container securityContext)");
            }
            if (!security.path("readOnlyRootFilesystem").asBoolean()) {
                problems.add(at, "securityContext.readOnlyRootFilesystem is not true");
            }
            if (security.path("allowPrivilegeEscalation").asBoolean(true)) {
                problems.add(at, "securityContext.allowPrivilegeEscalation is not false");
            }
            boolean dropsAll = false;
            for (JsonNode capability : security.path("capabilities").path("drop")) {
                dropsAll |= "ALL".equals(capability.asText());
            }
            if (!dropsAll) {
                problems.add(at, "securityContext.capabilities.drop does not contain ALL");
            }
            boolean writableTmp = false;
            for (JsonNode mount : container.path("volumeMounts")) {
                writableTmp |= "/tmp".equals(mount.path("mountPath").asText()) && emptyDirs.contains(mount.path("name").asText());
            }
            if (!writableTmp) {
                problems.add(at, "no emptyDir mounted at /tmp (the root filesystem is read-only)");
            }
        }
    }

    private static void expect(String actual, String expected, String where, String field, Problems problems) {
        if (!expected.equals(actual)) {
            problems.add(where, field + " is '" + actual + "', expected " + expected);
        }
    }
}
