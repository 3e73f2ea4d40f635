package io.envguard.deployment.authz;

import io.envguard.deployment.testing.Api;
import io.envguard.deployment.testing.Fixtures;
import io.envguard.deployment.testing.Fixtures.User;
import io.envguard.deployment.testing.TestPlatform;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static io.envguard.deployment.testing.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Section 5 of the contract as a table, for models and for chains: which call asks authz-service, with which action
 * on which environment, and which calls never do (and so are never blocked by a restriction).
 */
@QuarkusTest
@WithTestResource(TestPlatform.class)
class GuardedPathsTest {

    /** A model or chain whose deployment "current" serves production, with a spare deployment and a staging environment. */
    record Setup(String base, String current, String spare) {
    }

    record Call(String description, BiFunction<RequestSpecification, Setup, Response> request) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Arguments> guardedCalls() {
        return Stream.of("models", "chains").flatMap(kind -> Stream.of(
                guarded(kind, "promote into production", "PROMOTE", "production",
                        (r, s) -> r.body(Map.of("deployment_id", s.spare())).post(s.base() + "/environments/production/promote")),
                guarded(kind, "promote through the deployment path", "PROMOTE", "production",
                        (r, s) -> r.body(Map.of()).post(s.base() + "/deployments/" + s.spare() + "/promote")),
                guarded(kind, "create an environment", "MANAGE_ENVIRONMENT", "qa",
                        (r, s) -> r.body(Map.of("name", "qa")).post(s.base() + "/environments")),
                guarded(kind, "update an environment", "MANAGE_ENVIRONMENT", "production",
                        (r, s) -> r.body(Map.of("promotion_settings", Map.of("rolling_deploy", true))).patch(s.base() + "/environments/production")),
                guarded(kind, "delete an environment", "MANAGE_ENVIRONMENT", "staging",
                        (r, s) -> r.delete(s.base() + "/environments/staging")),
                guarded(kind, "autoscale the current deployment", "UPDATE_AUTOSCALING", "production",
                        (r, s) -> r.body(Map.of("max_replica", 3)).patch(s.base() + "/deployments/" + s.current() + "/autoscaling_settings")),
                guarded(kind, "autoscale through the production alias", "UPDATE_AUTOSCALING", "production",
                        (r, s) -> r.body(Map.of("max_replica", 3)).patch(s.base() + "/deployments/production/autoscaling_settings")),
                guarded(kind, "update the current deployment's settings", "UPDATE_DEPLOYMENT", "production",
                        (r, s) -> r.body(Map.of("instance_type", "2x8")).patch(s.base() + "/deployments/" + s.current())),
                guarded(kind, "deactivate the current deployment", "UPDATE_DEPLOYMENT", "production",
                        (r, s) -> r.post(s.base() + "/deployments/" + s.current() + "/deactivate")),
                guarded(kind, "activate through the production alias", "UPDATE_DEPLOYMENT", "production",
                        (r, s) -> r.post(s.base() + "/deployments/production/activate")),
                guarded(kind, "deactivate production", "UPDATE_DEPLOYMENT", "production",
                        (r, s) -> r.post(s.base() + "/environments/production/deactivate")),
                guarded(kind, "set the current deployment's backpressure", "UPDATE_DEPLOYMENT", "production",
                        (r, s) -> r.body(Map.of("policy", "REJECT_ON_FULL")).patch(s.base() + "/deployments/" + s.current() + "/request_backpressure_settings")),
                guarded(kind, "cancel a promotion into production", "PROMOTE", "production",
                        (r, s) -> r.post(s.base() + "/environments/production/cancel_promotion")),
                guarded(kind, "pause a promotion into production", "PROMOTE", "production",
                        (r, s) -> r.post(s.base() + "/environments/production/pause_promotion"))));
    }

    static Stream<Arguments> chainletCall() {
        return Stream.of(guarded("chains", "autoscale a chainlet", "UPDATE_AUTOSCALING", "production",
                        (r, s) -> r.body(Map.of("updates", List.of(Map.of("chainlet_name", "entrypoint",
                                "autoscaling_settings", Map.of("max_replica", 2))))).patch(s.base() + "/environments/production/chainlet_settings/autoscaling_settings")),
                guarded("chains", "change a chainlet's instance type", "UPDATE_DEPLOYMENT", "production",
                        (r, s) -> r.body(Map.of("updates", List.of(Map.of("chainlet_name", "entrypoint", "instance_type_id", "2x8"))))
                                .post(s.base() + "/environments/production/chainlet_settings/instance_types/update")));
    }

    static Stream<Arguments> unguardedCalls() {
        return Stream.of("models", "chains").flatMap(kind -> Stream.of(
                unguarded(kind, "read it", (r, s) -> r.get(s.base())),
                unguarded(kind, "list deployments", (r, s) -> r.get(s.base() + "/deployments")),
                unguarded(kind, "read a deployment", (r, s) -> r.get(s.base() + "/deployments/" + s.current())),
                unguarded(kind, "list environments", (r, s) -> r.get(s.base() + "/environments")),
                unguarded(kind, "read production", (r, s) -> r.get(s.base() + "/environments/production")),
                unguarded(kind, "read logs", (r, s) -> r.get(s.base() + "/deployments/" + s.current() + "/logs")),
                unguarded(kind, "read metrics", (r, s) -> r.get(s.base() + "/deployments/" + s.current() + "/metrics")),
                unguarded(kind, "call production", (r, s) -> r.body(Map.of("in", 1))
                        .post(s.base() + "/environments/production/" + (kind.equals("models") ? "predict" : "run_remote"))),
                unguarded(kind, "push a deployment", (r, s) -> r.body(Map.of()).post(s.base() + "/deployments")),
                unguarded(kind, "autoscale a deployment that serves nowhere",
                        (r, s) -> r.body(Map.of("max_replica", 2)).patch(s.base() + "/deployments/" + s.spare() + "/autoscaling_settings")),
                unguarded(kind, "deactivate a deployment that serves nowhere",
                        (r, s) -> r.post(s.base() + "/deployments/" + s.spare() + "/deactivate")),
                unguarded(kind, "delete a deployment that serves nowhere", (r, s) -> r.delete(s.base() + "/deployments/" + s.spare())),
                unguarded(kind, "read production's logs", (r, s) -> r.get(s.base() + "/environments/production/logs")),
                unguarded(kind, "read production's metrics", (r, s) -> r.get(s.base() + "/environments/production/metrics")),
                unguarded(kind, "read logs with the query in a body", (r, s) -> r.body(Map.of("limit", 1))
                        .post(s.base() + "/deployments/" + s.current() + "/logs"))));
    }

    private static Arguments guarded(String kind, String what, String action, String environment,
                                     BiFunction<RequestSpecification, Setup, Response> request) {
        return Arguments.of(kind, new Call(kind + ": " + what, request), action, environment);
    }

    private static Arguments unguarded(String kind, String what, BiFunction<RequestSpecification, Setup, Response> request) {
        return Arguments.of(kind, new Call(kind + ": " + what, request));
    }

    @ParameterizedTest(name = "{1} asks {2} on {3}")
    @MethodSource({"guardedCalls", "chainletCall"})
    void aGuardedCallIsDeniedWhenAuthzDeniesAndAllowedWhenItAllows(String kind, Call call, String action, String environment) {
        User member = Fixtures.member();
        Setup setup = setUp(member, kind);

        Fixtures.authz().deny("NOT_GRANTED");
        Response denied = call.request().apply(as(member), setup);
        assertEquals(403, denied.statusCode(), denied.asString());
        assertEquals("ENVIRONMENT_RESTRICTED", denied.path("code"));
        assertEquals(action, denied.path("action"));
        assertEquals(environment, denied.path("environment"));
        assertEquals(1, Fixtures.authz().checks().size());
        assertEquals(action, Fixtures.authz().checks().get(0).body().path("action").asText());
        assertEquals(environment, Fixtures.authz().checks().get(0).body().path("environment").asText());

        Fixtures.authz().allow();
        Response allowed = call.request().apply(as(member), setup);
        assertTrue(allowed.statusCode() < 300, allowed.statusCode() + " " + allowed.asString());
    }

    @ParameterizedTest(name = "{1} demands its Platform-Revision of the check")
    @MethodSource({"guardedCalls", "chainletCall"})
    void aGuardedCallDemandingARevisionNotReachedIsUnavailable(String kind, Call call, String action, String environment) {
        User member = Fixtures.member();
        Setup setup = setUp(member, kind);

        Response response = call.request().apply(as(member).header("Platform-Revision", "1000000"), setup);
        assertEquals(503, response.statusCode(), response.asString());
        assertEquals("AUTHZ_UNAVAILABLE", response.path("code"));
        assertTrue(Fixtures.authz().checks().stream().allMatch(check -> check.body().path("min_revision").asLong() == 1_000_000),
                Fixtures.authz().checks().toString());
    }

    @ParameterizedTest(name = "{1} is never checked")
    @MethodSource("unguardedCalls")
    void anUnguardedCallIsNeverCheckedNorBlocked(String kind, Call call) {
        User member = Fixtures.member();
        Setup setup = setUp(member, kind);

        Fixtures.authz().deny("NOT_GRANTED");
        Response response = call.request().apply(as(member), setup);
        assertTrue(response.statusCode() < 300, response.statusCode() + " " + response.asString());
        assertTrue(Fixtures.authz().checks().isEmpty());
    }

    static Stream<Arguments> guardedModelCalls() {
        return guardedCalls().filter(arguments -> arguments.get()[0].equals("models"));
    }

    @ParameterizedTest(name = "{1}, by a member of another team, once the model has been read")
    @MethodSource("guardedModelCalls")
    void aGuardedCallOnAnotherTeamsModelStaysNotFoundWhateverAuthzAnswers(String kind, Call call, String action,
                                                                           String environment) {
        User member = Fixtures.member();
        Setup setup = setUpExisting(member, kind, Api.createModel(member, Fixtures.ML_TEAM));
        // authz-service may be asked early, where the model lives being known; its answer must not matter.
        Fixtures.authz().allow();
        Response response = call.request().apply(as(Fixtures.outsider()), setup);
        assertEquals(404, response.statusCode(), response.asString());
        as(member).get(setup.base() + "/environments/production").then().statusCode(200)
                .body("current_deployment.id", equalTo(setup.current()));
    }

    private static Setup setUp(User member, String kind) {
        Fixtures.authz().reset();
        return setUpExisting(member, kind, kind.equals("models") ? Api.createModel(member, null) : Api.createChain(member));
    }

    private static Setup setUpExisting(User member, String kind, String id) {
        Fixtures.authz().reset();
        String base = "/v1/" + kind + "/" + id;
        String current = Api.pushDeployment(member, kind, id);
        String spare = Api.pushDeployment(member, kind, id);
        Api.decided(() -> as(member).body(Map.of("deployment_id", current)).post(base + "/environments/production/promote"))
                .then().statusCode(200);
        Api.decided(() -> as(member).body(Map.of("name", "staging")).post(base + "/environments")).then().statusCode(200);
        Fixtures.authz().reset();
        return new Setup(base, current, spare);
    }
}
