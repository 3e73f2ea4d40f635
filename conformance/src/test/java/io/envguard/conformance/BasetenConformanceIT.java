package io.envguard.conformance;

import io.envguard.conformance.Gateway.Reply;
import io.envguard.conformance.Gateway.User;
import io.envguard.conformance.Spec.Operation;
import io.envguard.conformance.Tenant.Chain;
import io.envguard.conformance.Tenant.Model;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every operation of Baseten's spec that Envguard shares, through the gateway: its documented request body is
 * accepted, it answers 200, and its body validates against the operation's response schema. Operations are taken
 * from the spec, so none is forgotten: each is exercised by a case below or listed in {@link #NOT_OFFERED} with the
 * reason. Then the error statuses a Baseten client expects: 401, 404, 400 and 403.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BasetenConformanceIT {

    /** Operations of the spec that Envguard does not offer, each with the reason. */
    private static final Map<String, String> NOT_OFFERED = Map.of();

    /**
     * What a case sends: the values of the path's parameters and the body (the documented body, which the case may
     * complete with the ids it set up; null for an operation without a body).
     */
    private record Request(Map<String, String> parameters, JsonNode body) {
    }

    /** What became of an operation: PASS, FAIL or NOT OFFERED, and why (null for PASS). */
    private record Outcome(String verdict, String why) {
    }

    /** Sets up what an operation needs and says what to send; every request is the org admin's. */
    @FunctionalInterface
    private interface Case {
        Request prepare(BasetenConformanceIT test, ObjectNode documentedBody);
    }

    private static final Map<String, Case> CASES = Map.ofEntries(
            // Environment groups. Restrictions change who may write, never the admin whose requests these are.
            entry("GET /v1/environment_groups", (t, body) -> request(body)),
            entry("GET /v1/environment_groups/{env_name}", (t, body) -> request(body, "env_name", "production")),
            entry("PATCH /v1/environment_groups/{env_name}", (t, body) ->
                    request(body.set("manage_access", t.restrictedTo(t.tenant.member)), "env_name", "development")),
            entry("GET /v1/teams/{team_id}/environment_groups", (t, body) -> request(body, "team_id", t.tenant.team)),
            entry("GET /v1/teams/{team_id}/environment_groups/{env_name}", (t, body) ->
                    request(body, "team_id", t.tenant.team, "env_name", "production")),
            entry("PATCH /v1/teams/{team_id}/environment_groups/{env_name}", (t, body) ->
                    request(body.set("manage_access", t.restrictedTo(t.tenant.member)),
                            "team_id", t.tenant.team, "env_name", "development")),
            // Teams, audit logs.
            entry("GET /v1/teams", (t, body) -> request(body)),
            entry("GET /v1/teams/{team_id}", (t, body) -> request(body, "team_id", t.tenant.team)),
            entry("GET /v1/audit_logs", (t, body) -> request(body)),
            // Models.
            entry("GET /v1/models", (t, body) -> request(body)),
            entry("POST /v1/models", (t, body) -> request(t.tenant.modelBody())),
            entry("GET /v1/teams/{team_id}/models", (t, body) -> request(body, "team_id", t.tenant.team)),
            entry("POST /v1/teams/{team_id}/models", (t, body) -> request(t.tenant.modelBody(), "team_id", t.tenant.team)),
            entry("DELETE /v1/models/{model_id}", (t, body) -> request(body, "model_id", t.tenant.newModel().id())),
            entry("GET /v1/models/{model_id}", (t, body) -> t.onModel(body)),
            entry("GET /v1/models/{model_id}/audit_logs", (t, body) -> t.onModel(body)),
            // Deployments.
            entry("GET /v1/models/{model_id}/deployments", (t, body) -> t.onModel(body)),
            entry("POST /v1/models/{model_id}/deployments", (t, body) -> t.onModel(body)),
            entry("GET /v1/models/{model_id}/deployments/development", (t, body) -> t.onModel(body)),
            entry("GET /v1/models/{model_id}/deployments/production", (t, body) -> t.onModel(body)),
            entry("DELETE /v1/models/{model_id}/deployments/{deployment_id}", (t, body) -> {
                Model model = t.tenant.newModel();
                return request(body, "model_id", model.id(), "deployment_id", t.tenant.push(model.id()));
            }),
            entry("GET /v1/models/{model_id}/deployments/{deployment_id}", (t, body) -> t.onModel(body)),
            // The documented name must be unique among the model's deployments: a model of its own.
            entry("PATCH /v1/models/{model_id}/deployments/{deployment_id}", (t, body) -> {
                Model model = t.tenant.newModel();
                return request(body, "model_id", model.id(), "deployment_id", model.firstDeployment());
            }),
            entry("PATCH /v1/models/{model_id}/deployments/development/autoscaling_settings", (t, body) -> t.onModel(body)),
            entry("PATCH /v1/models/{model_id}/deployments/production/autoscaling_settings", (t, body) -> t.onModel(body)),
            entry("PATCH /v1/models/{model_id}/deployments/{deployment_id}/autoscaling_settings", (t, body) -> t.onModel(body)),
            entry("PATCH /v1/models/{model_id}/deployments/{deployment_id}/request_backpressure_settings", (t, body) -> t.onModel(body)),
            entry("POST /v1/models/{model_id}/deployments/development/promote", (t, body) ->
                    request(body, "model_id", t.tenant.newModel().id())),
            entry("POST /v1/models/{model_id}/deployments/{deployment_id}/promote", (t, body) -> {
                Model model = t.tenant.newModel();
                return request(body, "model_id", model.id(), "deployment_id", model.firstDeployment());
            }),
            entry("POST /v1/models/{model_id}/deployments/development/activate", (t, body) -> {
                Model model = t.tenant.newModel();
                t.tenant.deactivate("/v1/models/" + model.id() + "/deployments/development/deactivate");
                return request(body, "model_id", model.id());
            }),
            entry("POST /v1/models/{model_id}/deployments/production/activate", (t, body) -> {
                Model model = t.tenant.newModelInProduction();
                t.tenant.deactivate("/v1/models/" + model.id() + "/deployments/production/deactivate");
                return request(body, "model_id", model.id());
            }),
            entry("POST /v1/models/{model_id}/deployments/{deployment_id}/activate", (t, body) -> {
                Model model = t.tenant.newModel();
                t.tenant.deactivate("/v1/models/" + model.id() + "/deployments/" + model.firstDeployment() + "/deactivate");
                return request(body, "model_id", model.id(), "deployment_id", model.firstDeployment());
            }),
            entry("POST /v1/models/{model_id}/deployments/development/deactivate", (t, body) ->
                    request(body, "model_id", t.tenant.newModel().id())),
            entry("POST /v1/models/{model_id}/deployments/production/deactivate", (t, body) ->
                    request(body, "model_id", t.tenant.newModelInProduction().id())),
            entry("POST /v1/models/{model_id}/deployments/{deployment_id}/deactivate", (t, body) -> {
                Model model = t.tenant.newModel();
                return request(body, "model_id", model.id(), "deployment_id", model.firstDeployment());
            }),
            entry("GET /v1/models/{model_id}/deployments/{deployment_id}/logs", (t, body) -> t.onModel(body)),
            entry("POST /v1/models/{model_id}/deployments/{deployment_id}/logs", (t, body) -> t.onModel(body)),
            entry("GET /v1/models/{model_id}/deployments/{deployment_id}/metrics", (t, body) -> t.onModel(body)),
            // Environments of a model.
            entry("GET /v1/models/{model_id}/environments", (t, body) -> t.onModel(body)),
            entry("POST /v1/models/{model_id}/environments", (t, body) ->
                    request(body, "model_id", t.tenant.newModel().id())),
            entry("DELETE /v1/models/{model_id}/environments/{env_name}", (t, body) -> {
                Model model = t.tenant.newModel();
                t.tenant.createEnvironment("models", model.id(), "staging");
                return request(body, "model_id", model.id(), "env_name", "staging");
            }),
            entry("GET /v1/models/{model_id}/environments/{env_name}", (t, body) -> t.onModel(body)),
            entry("PATCH /v1/models/{model_id}/environments/{env_name}", (t, body) -> t.onModel(body)),
            entry("GET /v1/models/{model_id}/environments/{env_name}/logs", (t, body) -> t.onModel(body)),
            entry("GET /v1/models/{model_id}/environments/{env_name}/metrics", (t, body) -> t.onModel(body)),
            entry("POST /v1/models/{model_id}/environments/{env_name}/activate", (t, body) -> {
                Model model = t.tenant.newModelInProduction();
                t.tenant.deactivate("/v1/models/" + model.id() + "/environments/production/deactivate");
                return request(body, "model_id", model.id(), "env_name", "production");
            }),
            entry("POST /v1/models/{model_id}/environments/{env_name}/deactivate", (t, body) ->
                    request(body, "model_id", t.tenant.newModelInProduction().id(), "env_name", "production")),
            entry("POST /v1/models/{model_id}/environments/{env_name}/promote", (t, body) -> {
                Model model = t.tenant.newModel();
                return request(body.put("deployment_id", model.firstDeployment()),
                        "model_id", model.id(), "env_name", "production");
            }),
            // Promotion controls act on the promotion of a second deployment into production.
            entry("POST /v1/models/{model_id}/environments/{env_name}/cancel_promotion", (t, body) -> t.afterPromotion(body)),
            entry("POST /v1/models/{model_id}/environments/{env_name}/pause_promotion", (t, body) -> t.afterPromotion(body)),
            entry("POST /v1/models/{model_id}/environments/{env_name}/resume_promotion", (t, body) -> t.afterPromotion(body)),
            entry("POST /v1/models/{model_id}/environments/{env_name}/force_cancel_promotion", (t, body) -> t.afterPromotion(body)),
            entry("POST /v1/models/{model_id}/environments/{env_name}/force_roll_forward_promotion", (t, body) -> t.afterPromotion(body)),
            // Chains.
            entry("GET /v1/chains", (t, body) -> request(body)),
            entry("DELETE /v1/chains/{chain_id}", (t, body) -> request(body, "chain_id", t.tenant.newChain().id())),
            entry("GET /v1/chains/{chain_id}", (t, body) -> t.onChain(body)),
            entry("GET /v1/chains/{chain_id}/audit_logs", (t, body) -> t.onChain(body)),
            entry("GET /v1/chains/{chain_id}/deployments", (t, body) -> t.onChain(body)),
            entry("DELETE /v1/chains/{chain_id}/deployments/{chain_deployment_id}", (t, body) -> {
                Chain chain = t.tenant.newChain();
                return request(body, "chain_id", chain.id(), "chain_deployment_id", t.tenant.pushChain(chain.id()));
            }),
            entry("GET /v1/chains/{chain_id}/deployments/{chain_deployment_id}", (t, body) -> t.onChain(body)),
            entry("POST /v1/chains/{chain_id}/deployments/{chain_deployment_id}/deactivate", (t, body) -> {
                Chain chain = t.tenant.newChain();
                return request(body, "chain_id", chain.id(), "chain_deployment_id", chain.firstDeployment());
            }),
            entry("GET /v1/chains/{chain_id}/deployments/{chain_deployment_id}/chainlets/{chainlet_id}/logs", (t, body) -> t.onChain(body)),
            entry("GET /v1/chains/{chain_id}/environments", (t, body) -> t.onChain(body)),
            entry("POST /v1/chains/{chain_id}/environments", (t, body) ->
                    request(body, "chain_id", t.tenant.newChain().id())),
            entry("GET /v1/chains/{chain_id}/environments/{env_name}", (t, body) -> t.onChain(body)),
            entry("PATCH /v1/chains/{chain_id}/environments/{env_name}", (t, body) -> t.onChain(body)),
            entry("POST /v1/chains/{chain_id}/environments/{env_name}/promote", (t, body) -> {
                Chain chain = t.tenant.newChain();
                return request(body.put("deployment_id", chain.firstDeployment()),
                        "chain_id", chain.id(), "env_name", "production");
            }),
            entry("PATCH /v1/chains/{chain_id}/environments/{env_name}/chainlet_settings/autoscaling_settings", (t, body) -> t.onChain(body)),
            entry("POST /v1/chains/{chain_id}/environments/{env_name}/chainlet_settings/instance_types/update", (t, body) ->
                    request(body, "chain_id", t.tenant.newChainInProduction().id(), "env_name", "production")),
            // API keys and users.
            entry("POST /v1/teams/{team_id}/api_keys", (t, body) -> request(body, "team_id", t.tenant.team)),
            entry("GET /v1/api_keys", (t, body) -> request(body)),
            entry("POST /v1/api_keys", (t, body) -> request(body)),
            entry("DELETE /v1/api_keys/{api_key_prefix}", (t, body) ->
                    request(body, "api_key_prefix", t.tenant.newApiKeyPrefix())),
            entry("GET /v1/users", (t, body) -> request(body)),
            entry("GET /v1/users/me", (t, body) -> request(body)),
            entry("GET /v1/users/{user_id}", (t, body) -> request(body, "user_id", t.tenant.member.id())));

    private final Spec spec = Spec.load();
    private final Map<String, Outcome> outcomes = new LinkedHashMap<>();
    /** The top-level fields Envguard adds to each conforming answer (docs/api.md lists them). */
    private final Map<String, List<String>> extras = new LinkedHashMap<>();
    private Tenant tenant;
    /**
     * A model and a chain in production for the cases that change nothing, made by the first case that needs them: a
     * setup step that fails fails the cases that need it, not the others.
     */
    private Model model;
    private Chain chain;

    @BeforeAll
    void anOrganisationOfItsOwn() {
        tenant = Tenant.create(spec, "conformance");
    }

    private Model model() {
        if (model == null) {
            model = tenant.newModelInProduction();
        }
        return model;
    }

    private Chain chain() {
        if (chain == null) {
            chain = tenant.newChainInProduction();
        }
        return chain;
    }

    @AfterAll
    void printTheOutcomeOfEveryOperation() {
        System.out.println("Conformance to Baseten's management API (" + outcomes.size() + " operations):");
        outcomes.forEach((operation, outcome) -> System.out.println(outcome.verdict() + "  " + operation
                + (outcome.why() == null ? "" : "  " + outcome.why())));
    }

    @Test
    void everyOperationOfTheSpecIsExercisedOrListedAsNotOffered() {
        Set<String> operations = new TreeSet<>();
        spec.operations().forEach(operation -> operations.add(operation.key()));
        Set<String> accounted = new TreeSet<>(CASES.keySet());
        accounted.addAll(NOT_OFFERED.keySet());

        assertEquals(Set.of(), intersection(CASES.keySet(), NOT_OFFERED.keySet()), "both exercised and not offered");
        assertEquals(operations, accounted, "every operation of the spec, and only those, is accounted for");
    }

    @TestFactory
    Stream<DynamicTest> everyOperationAnswersItsDocumentedRequestWithABodyOfItsSchema() {
        return spec.operations().stream().map(operation -> DynamicTest.dynamicTest(operation.key(), () -> {
            if (NOT_OFFERED.containsKey(operation.key())) {
                outcomes.put(operation.key(), new Outcome("NOT OFFERED", NOT_OFFERED.get(operation.key())));
                return;
            }
            Case conformanceCase = CASES.get(operation.key());
            if (conformanceCase == null) {
                failed(operation, "neither exercised nor listed as not offered");
            }
            String outcome;
            try {
                outcome = conform(operation, conformanceCase.prepare(this, spec.documentedBody(operation)));
            } catch (AssertionError | RuntimeException e) {
                outcome = e.getMessage();
            }
            if (outcome != null) {
                failed(operation, outcome);
            }
            List<String> added = extras.getOrDefault(operation.key(), List.of());
            outcomes.put(operation.key(), new Outcome("PASS", added.isEmpty() ? null : "extras: " + String.join(", ", added)));
        }));
    }

    /** Null when the operation answers 200 with a body of its schema; otherwise what is wrong. */
    private String conform(Operation operation, Request request) {
        Reply reply = Gateway.send(operation.method(), operation.expand(request.parameters()), tenant.admin,
                request.body());
        if (reply.status() != 200) {
            return "answered " + reply + (request.body() == null ? "" : " to " + request.body());
        }
        if (reply.json() == null) {
            return "answered 200 with a body that is no JSON: " + reply.excerpt();
        }
        List<String> violations = spec.responseViolations(operation, reply.json());
        extras.put(operation.key(), spec.extraFields(operation, reply.json()));
        return violations.isEmpty() ? null : "answered 200 with a body that breaks the schema: "
                + String.join("; ", violations) + " — body: " + reply.excerpt();
    }

    private void failed(Operation operation, String why) {
        outcomes.put(operation.key(), new Outcome("FAIL", why));
        fail(operation.key() + ": " + why);
    }

    @Test
    void everyOperationRefusesARequestWithoutCredentials() {
        List<String> failures = new ArrayList<>();
        for (Operation operation : offered()) {
            Reply reply = Gateway.send(operation.method(), operation.expand(placeholders(operation)), null,
                    spec.documentedBody(operation));
            check(failures, "401 without credentials", operation, reply, 401, "UNAUTHENTICATED");
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void everyOperationOnAnUnknownModelIsNotFound() {
        List<String> failures = new ArrayList<>();
        for (Operation operation : offered()) {
            if (operation.parameters().contains("model_id")) {
                Reply reply = Gateway.send(operation.method(), operation.expand(placeholders(operation)), tenant.admin,
                        spec.documentedBody(operation));
                check(failures, "404 for an unknown model", operation, reply, 404, "NOT_FOUND");
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void aBodyThatBreaksTheRequestSchemaIsABadRequest() {
        Map<String, String> onModel = Map.of("model_id", model().id(), "deployment_id", model().firstDeployment(),
                "env_name", "production");
        Map<String, Map.Entry<Map<String, String>, String>> badBodies = Map.of(
                "PATCH /v1/environment_groups/{env_name}",
                entry(Map.of("env_name", "production"), "{\"manage_access\": {\"is_restricted\": \"yes\"}}"),
                "POST /v1/models", entry(Map.of(), "{\"source\": {\"kind\": \"model_archive\", \"name\": 7}}"),
                "PATCH /v1/models/{model_id}/deployments/{deployment_id}/autoscaling_settings",
                entry(onModel, "{\"min_replica\": \"one\"}"),
                "POST /v1/models/{model_id}/environments/{env_name}/promote",
                entry(onModel, "{\"deployment_id\": [\"" + model().firstDeployment() + "\"]}"),
                "POST /v1/models/{model_id}/environments", entry(onModel, "{\"name\": "),
                "POST /v1/api_keys", entry(Map.of(), "{\"name\": \"key\", \"type\": \"NO_SUCH_TYPE\"}"));
        List<String> failures = new ArrayList<>();
        badBodies.forEach((key, bad) -> {
            Operation operation = spec.operation(key);
            Reply reply = Gateway.send(operation.method(), operation.expand(bad.getKey()), tenant.admin, bad.getValue());
            check(failures, "400 for " + bad.getValue(), operation, reply, 400, "VALIDATION_FAILED");
        });
        assertEquals(List.of(), failures);
    }

    @Test
    void aChangeOfARestrictedEnvironmentWithoutAccessIsForbidden() {
        User member = tenant.member;
        Model teamModel = tenant.newModel(tenant.team);
        tenant.promote("models", teamModel.id(), "production", teamModel.firstDeployment());
        String pushed = tenant.push(teamModel.id());
        Gateway.expectSuccess("restricting the team's production", Gateway.send("PATCH",
                "/v1/teams/" + tenant.team + "/environment_groups/production", tenant.admin,
                Map.of("manage_access", Map.of("is_restricted", true, "user_ids", List.of()))));
        String models = "/v1/models/" + teamModel.id();

        List<String> failures = new ArrayList<>();
        check(failures, "403 for a member without access", spec.operation(
                        "POST /v1/models/{model_id}/deployments/{deployment_id}/promote"),
                Gateway.send("POST", models + "/deployments/" + pushed + "/promote", member, Map.of()),
                403, "ENVIRONMENT_RESTRICTED");
        check(failures, "403 for a member without access", spec.operation(
                        "PATCH /v1/models/{model_id}/deployments/production/autoscaling_settings"),
                Gateway.send("PATCH", models + "/deployments/production/autoscaling_settings", member,
                        spec.documentedBody(spec.operation(
                                "PATCH /v1/models/{model_id}/deployments/production/autoscaling_settings"))),
                403, "ENVIRONMENT_RESTRICTED");
        check(failures, "403 for a member changing access", spec.operation(
                        "PATCH /v1/teams/{team_id}/environment_groups/{env_name}"),
                Gateway.send("PATCH", "/v1/teams/" + tenant.team + "/environment_groups/production", member,
                        Map.of("manage_access", Map.of("is_restricted", false))),
                403, "FORBIDDEN");
        assertEquals(List.of(), failures);
    }

    /** Records a line for an expected error status and Envguard's error code; adds a failure when they differ. */
    private static void check(List<String> failures, String expectation, Operation operation, Reply reply, int status,
                              String code) {
        JsonNode json = reply.json();
        boolean conforms = reply.status() == status && json != null && code.equals(json.path("code").asString(""));
        System.out.println((conforms ? "PASS" : "FAIL") + "  " + expectation + "  " + operation.key()
                + (conforms ? "" : "  answered " + reply));
        if (!conforms) {
            failures.add(operation.key() + ": expected " + status + " " + code + ", answered " + reply);
        }
    }

    private List<Operation> offered() {
        return spec.operations().stream().filter(operation -> !NOT_OFFERED.containsKey(operation.key())).toList();
    }

    /** Values for every path parameter that name nothing that exists. */
    private static Map<String, String> placeholders(Operation operation) {
        Map<String, String> values = new HashMap<>();
        operation.parameters().forEach(name -> values.put(name, name.equals("env_name") ? "production"
                : "unknown-" + UUID.randomUUID().toString().substring(0, 8)));
        return values;
    }

    // What the cases share.

    private Request onModel(ObjectNode body) {
        return request(body, "model_id", model().id(), "deployment_id", model().firstDeployment(),
                "env_name", "production");
    }

    private Request onChain(ObjectNode body) {
        return request(body, "chain_id", chain().id(), "chain_deployment_id", chain().firstDeployment(),
                "chainlet_id", tenant.chainletId(chain().id(), chain().firstDeployment()), "env_name", "production");
    }

    private Request afterPromotion(ObjectNode body) {
        Model promoted = tenant.newModelInProduction();
        tenant.promote("models", promoted.id(), "production", tenant.push(promoted.id()));
        return request(body, "model_id", promoted.id(), "env_name", "production");
    }

    private JsonNode restrictedTo(User user) {
        return Spec.JSON.valueToTree(Map.of("is_restricted", true, "user_ids", List.of(user.id())));
    }

    /** A request with these path parameters, as pairs of name and value. */
    private static Request request(JsonNode body, String... parameters) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < parameters.length; i += 2) {
            values.put(parameters[i], parameters[i + 1]);
        }
        return new Request(values, body);
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> both = new TreeSet<>(a);
        both.retainAll(b);
        return both;
    }
}
