package io.envguard.deployment.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Seeded random writes to models and chains, every kind of write there is, through every path it can take: creating,
 * changing and deleting environments, promoting by id and by alias (with and without the options a promote carries),
 * changing (and renaming) deployments and their autoscaling by id and by alias, chainlet autoscaling and instance types
 * through any environment, pushing deployments (Baseten's push promoting where its payload names), activating, deactivating and deleting deployments (by id and by alias, or through an
 * environment), request backpressure, promotion controls, and deleting the model or chain itself. The same seed makes
 * the same calls. Used by the invariant tests in-process and through the gateway.
 */
public final class RandomWrites {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Environment names the writes aim at: the restricted ones among them, and unrestricted ones to go round them. */
    public static final List<String> ENVIRONMENTS = List.of("production", "secure", "staging", "canary", "qa", "development");
    /** Statuses a write may answer, besides a refusal for want of a decision: anything else is a failure of its own. */
    private static final Set<Integer> EXPECTED = Set.of(200, 201, 204, 400, 403, 404, 409);

    private static final List<String> INSTANCE_TYPES = List.of("1x2", "2x8", "A10Gx4x16", "H100:2x52x468");
    private static final List<String> CLEANUPS = List.of("KEEP", "SCALE_TO_ZERO", "DEACTIVATE");
    private static final List<String> PROMOTION_CONTROLS = List.of("cancel_promotion", "pause_promotion", "resume_promotion",
            "force_cancel_promotion", "force_roll_forward_promotion");
    /** Policies a backpressure change sets: both of Baseten's, none (clears it), and one that is not (400). */
    private static final List<String> POLICIES = List.of("QUEUE_ON_FULL", "REJECT_ON_FULL", "", "DROP_ON_FULL");

    /** A model or chain the writes go to; {@code deployments} grows as deployments are pushed. */
    public record Target(String kind, String id, List<String> deployments, List<String> chainlets) {

        public String base() {
            return "/v1/" + kind + "/" + id;
        }

        public boolean isChain() {
            return kind.equals("chains");
        }
    }

    /** One write made: what it was, and its answer. */
    public record Write(String description, Response response) {
    }

    private final Random random;
    private final Supplier<RequestSpecification> caller;
    private final List<Target> targets;
    private final Map<String, Integer> statuses = new TreeMap<>();

    public RandomWrites(long seed, Supplier<RequestSpecification> caller, List<Target> targets) {
        this.random = new Random(seed);
        this.caller = caller;
        this.targets = targets;
    }

    /**
     * Whether the answer is one a write may give: a success, a refusal for bad input, a restriction, a conflict, or —
     * on a machine too loaded for authz-service to answer within its time-out — 503 AUTHZ_UNAVAILABLE, nothing changed.
     */
    public static boolean isExpected(Response response) {
        return EXPECTED.contains(response.statusCode())
                || (response.statusCode() == 503 && "AUTHZ_UNAVAILABLE".equals(response.path("code")));
    }

    /** How many writes answered each status, by "status kind-of-write". */
    public Map<String, Integer> statuses() {
        return statuses;
    }

    public Write next() {
        Target target = pick(targets);
        String base = target.base();
        int kind = random.nextInt(target.isChain() ? 17 : 15);
        if (!target.isChain() && kind >= 9) {
            // 9 and 16 are writes to chainlets: chains only.
            kind++;
        }
        Write write = switch (kind) {
            case 0 -> write("create environment", base, body -> caller.get().body(body).post(base + "/environments"),
                    environmentBody(true));
            case 1 -> {
                String environment = pick(ENVIRONMENTS);
                yield new Write("delete environment " + environment + " of " + base,
                        caller.get().delete(base + "/environments/" + environment));
            }
            case 2, 3 -> {
                String environment = pick(ENVIRONMENTS);
                Map<String, Object> body = promoteOptions("scale_down_previous_deployment");
                body.put("deployment_id", reference(target));
                yield write("promote into " + environment, base,
                        b -> caller.get().body(b).post(base + "/environments/" + environment + "/promote"), body);
            }
            case 4 -> {
                String reference = reference(target);
                yield write("promote " + reference + " through the deployment path", base,
                        b -> caller.get().body(b).post(base + "/deployments/" + reference + "/promote"),
                        promoteOptions("scale_down_previous_production"));
            }
            case 5 -> {
                String environment = pick(ENVIRONMENTS);
                yield write("change environment " + environment, base,
                        b -> caller.get().body(b).patch(base + "/environments/" + environment), environmentBody(false));
            }
            case 6 -> {
                String reference = reference(target);
                Map<String, Object> body = new LinkedHashMap<>();
                if (random.nextBoolean()) {
                    body.put("instance_type", pick(INSTANCE_TYPES));
                }
                if (random.nextInt(4) == 0) {
                    body.put("name", "renamed-" + random.nextInt(1000));
                }
                if (body.isEmpty() || random.nextBoolean()) {
                    body.put("autoscaling_settings", autoscaling());
                }
                yield write("change deployment " + reference, base,
                        b -> caller.get().body(b).patch(base + "/deployments/" + reference), body);
            }
            case 7 -> {
                String reference = reference(target);
                yield write("change autoscaling of " + reference, base,
                        b -> caller.get().body(b).patch(base + "/deployments/" + reference + "/autoscaling_settings"), autoscaling());
            }
            case 8 -> {
                Map<String, Object> body = new LinkedHashMap<>();
                if (!target.isChain() && random.nextInt(3) == 0) {
                    // Baseten's push, whose payload may promote the new deployment where it names.
                    Map<String, Object> payload = new LinkedHashMap<>();
                    payload.put("config", Map.of("model_name", "random"));
                    payload.put("environment_name", pick(ENVIRONMENTS));
                    if (random.nextBoolean()) {
                        payload.put("preserve_env_instance_type", random.nextBoolean());
                    }
                    body.put("source", Map.of("kind", "model_archive", "deployment", payload));
                } else {
                    if (random.nextBoolean()) {
                        body.put("instance_type", pick(INSTANCE_TYPES));
                    }
                    body.put("autoscaling_settings", autoscaling());
                    if (target.isChain()) {
                        body.put("chainlets", target.chainlets());
                    }
                }
                Write pushed = write("push a deployment", base, b -> caller.get().body(b).post(base + "/deployments"), body);
                if (pushed.response().statusCode() < 300) {
                    target.deployments().add(Api.pushedId(pushed.response()));
                }
                yield pushed;
            }
            case 10 -> {
                String reference = reference(target);
                yield new Write("delete deployment " + reference + " of " + base,
                        caller.get().delete(base + "/deployments/" + reference));
            }
            case 11 -> {
                String reference = reference(target);
                String operation = random.nextBoolean() ? "activate" : "deactivate";
                yield new Write(operation + " deployment " + reference + " of " + base,
                        caller.get().post(base + "/deployments/" + reference + "/" + operation));
            }
            case 12 -> {
                String environment = pick(ENVIRONMENTS);
                String operation = random.nextBoolean() ? "activate" : "deactivate";
                yield new Write(operation + " environment " + environment + " of " + base,
                        caller.get().post(base + "/environments/" + environment + "/" + operation));
            }
            case 13 -> {
                String environment = pick(ENVIRONMENTS);
                String control = pick(PROMOTION_CONTROLS);
                yield new Write(control + " into " + environment + " of " + base,
                        caller.get().post(base + "/environments/" + environment + "/" + control));
            }
            case 14 -> {
                String reference = reference(target);
                String policy = pick(POLICIES);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("policy", policy.isEmpty() ? null : policy);
                yield write("change backpressure of " + reference, base,
                        b -> caller.get().body(b).patch(base + "/deployments/" + reference + "/request_backpressure_settings"), body);
            }
            case 15 -> new Write("delete " + base, caller.get().delete(base));
            case 16 -> {
                String environment = pick(ENVIRONMENTS);
                List<Map<String, Object>> updates = new ArrayList<>();
                int count = 1 + random.nextInt(2);
                for (int i = 0; i < count; i++) {
                    String chainlet = random.nextInt(8) == 0 ? "ghost" : pick(target.chainlets());
                    updates.add(Map.of("chainlet_name", chainlet, "instance_type_id", pick(INSTANCE_TYPES)));
                }
                yield write("change chainlet instance types through " + environment, base,
                        b -> caller.get().body(b).post(base + "/environments/" + environment + "/chainlet_settings/instance_types/update"),
                        Map.of("updates", updates));
            }
            default -> {
                String environment = pick(ENVIRONMENTS);
                List<Map<String, Object>> updates = new ArrayList<>();
                int count = 1 + random.nextInt(2);
                for (int i = 0; i < count; i++) {
                    String chainlet = random.nextInt(8) == 0 ? "ghost" : pick(target.chainlets());
                    updates.add(Map.of("chainlet_name", chainlet, "autoscaling_settings", autoscaling()));
                }
                yield write("change chainlet autoscaling through " + environment, base,
                        b -> caller.get().body(b).patch(base + "/environments/" + environment + "/chainlet_settings/autoscaling_settings"),
                        Map.of("updates", updates));
            }
        };
        statuses.merge(write.response().statusCode() + " " + write.description().split(" ")[0], 1, Integer::sum);
        return write;
    }

    private Write write(String what, String base, Function<Map<String, Object>, Response> call,
                        Map<String, Object> body) {
        return new Write(what + " of " + base + " with " + body, call.apply(body));
    }

    /** A deployment of the target by id, one of the aliases, or now and then one of another model or chain. */
    private String reference(Target target) {
        int roll = random.nextInt(10);
        if (roll == 0) {
            return "production";
        }
        if (roll == 1) {
            return "development";
        }
        if (roll == 2) {
            return pick(pick(targets).deployments());
        }
        return pick(target.deployments());
    }

    /** The options of a promote; {@code scaleDownField} is what the path's request schema calls scaling down. */
    private Map<String, Object> promoteOptions(String scaleDownField) {
        Map<String, Object> options = new LinkedHashMap<>();
        if (random.nextBoolean()) {
            options.put("preserve_env_instance_type", random.nextBoolean());
        }
        if (random.nextInt(3) == 0) {
            options.put(scaleDownField, random.nextBoolean());
        }
        return options;
    }

    private Map<String, Object> environmentBody(boolean create) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (create) {
            body.put("name", pick(ENVIRONMENTS));
        }
        if (random.nextBoolean()) {
            Map<String, Object> promotion = new LinkedHashMap<>();
            promotion.put("promotion_cleanup_strategy", pick(CLEANUPS));
            if (random.nextBoolean()) {
                promotion.put("rolling_deploy", random.nextBoolean());
            }
            if (random.nextBoolean()) {
                promotion.put("ramp_up_duration_seconds", random.nextInt(1200));
            }
            body.put("promotion_settings", promotion);
        }
        if (!create && (body.isEmpty() || random.nextBoolean())) {
            body.put("autoscaling_settings", autoscaling());
        }
        return body;
    }

    /** Some autoscaling fields; now and then out of range, for a 400 that must change nothing either. */
    private Map<String, Object> autoscaling() {
        Map<String, Object> settings = new LinkedHashMap<>();
        if (random.nextBoolean()) {
            settings.put("min_replica", random.nextInt(3));
        }
        if (random.nextBoolean() || settings.isEmpty()) {
            settings.put("max_replica", random.nextInt(12) == 0 ? 0 : 1 + random.nextInt(9));
        }
        if (random.nextInt(3) == 0) {
            settings.put("scale_down_delay", random.nextInt(1000));
        }
        if (random.nextInt(3) == 0) {
            settings.put("concurrency_target", 1 + random.nextInt(8));
        }
        return settings;
    }

    /**
     * A model or chain made by someone with access everywhere: three deployments of different instance types, the first
     * current in {@code production} and in {@code canary} (a side door left open), the second in {@code secure}, the
     * third in {@code staging}.
     */
    public static Target setUp(Supplier<RequestSpecification> admin, String kind) {
        String id = Api.created(admin.get().body(Map.of("name", kind + " under guard")), kind);
        List<String> chainlets = kind.equals("chains") ? List.of("entrypoint", "worker") : List.of();
        Target target = new Target(kind, id, new ArrayList<>(), chainlets);
        for (String instanceType : List.of("1x2", "2x8", "A10Gx4x16")) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("instance_type", instanceType);
            if (!chainlets.isEmpty()) {
                body.put("chainlets", chainlets);
            }
            target.deployments().add(Api.pushed(admin.get().body(body), target.base()));
        }
        List<String> placed = List.of("production", "secure", "staging", "canary");
        List<Integer> deployment = List.of(0, 1, 2, 0);
        for (int i = 0; i < placed.size(); i++) {
            if (!placed.get(i).equals("production")) {
                admin.get().body(Map.of("name", placed.get(i))).post(target.base() + "/environments").then().statusCode(200);
            }
            admin.get().body(Map.of("deployment_id", target.deployments().get(deployment.get(i))))
                    .post(target.base() + "/environments/" + placed.get(i) + "/promote").then().statusCode(200);
        }
        return target;
    }

    /**
     * What each restricted environment of each target serves, as the API shows it (current deployment, its status,
     * settings, autoscaling, instance type, request backpressure, chainlets with their instance types, promotion
     * settings): the JSON text, by target and environment.
     */
    public static Map<String, String> servedState(Supplier<RequestSpecification> reader, List<Target> targets,
                                                  List<String> restricted) {
        Map<String, String> state = new TreeMap<>();
        for (Target target : targets) {
            for (String environment : restricted) {
                Response response = reader.get().get(target.base() + "/environments/" + environment);
                if (response.statusCode() != 200) {
                    throw new AssertionError(target.base() + "/environments/" + environment + " answered "
                            + response.statusCode() + " " + response.asString());
                }
                state.put(target.base() + " " + environment, withoutDevelopmentMark(response.asString()));
            }
        }
        return state;
    }

    /**
     * The environment's answer without {@code is_development} of its deployments: which deployment is the development
     * one follows the {@code development} environment and every push, which members may change, not what this
     * environment serves.
     */
    private static String withoutDevelopmentMark(String environment) {
        try {
            JsonNode served = JSON.readTree(environment);
            for (String slot : List.of("current_deployment", "candidate_deployment")) {
                if (served.get(slot) instanceof ObjectNode deployment) {
                    deployment.remove("is_development");
                }
            }
            return served.toString();
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + environment, e);
        }
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
