package io.envguard.deployment.authz;

import io.envguard.deployment.testing.Api;
import io.envguard.deployment.testing.Fixtures;
import io.envguard.deployment.testing.Fixtures.User;
import io.envguard.deployment.testing.TestPlatform;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static io.envguard.deployment.testing.Api.as;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every lifecycle write — deleting, activating and deactivating, promotion controls, backpressure, chainlet instance
 * types — against a restricted production, directly or through staging where production's deployment is also current:
 * a member without access is refused 403 naming production and production serves what it served; a member granted
 * production makes the change.
 */
@QuarkusTest
@WithTestResource(TestPlatform.class)
class LifecycleGuardTest {

    private User admin;
    private User member;
    private User granted;

    /** A model or chain whose deployment {@code serving} is current in production and in staging. */
    record Setup(String base, String serving) {
    }

    /** A write, the action it is refused for, and what a member granted production gets. */
    record Write(String description, String action, int grantedStatus, BiFunction<User, Setup, Response> call) {

        @Override
        public String toString() {
            return description;
        }
    }

    @BeforeEach
    void anOrganisationWithARestrictedProductionGrantedToOneMember() {
        Fixtures.authz().reset();
        String organization = "org-lifecycle-" + UUID.randomUUID();
        admin = Fixtures.user("owner", organization, "ADMIN", List.of("team-lc"));
        member = Fixtures.user("member", organization, "MEMBER", List.of("team-lc"));
        granted = Fixtures.user("granted", organization, "MEMBER", List.of("team-lc"));
        Fixtures.authz().restrict("production");
        Fixtures.authz().grant("production", granted.userId());
    }

    static Stream<Arguments> writes() {
        List<Write> both = List.of(
                new Write("delete the model or chain", "MANAGE_ENVIRONMENT", 200,
                        (user, setup) -> as(user).delete(setup.base())),
                new Write("delete production's deployment", "UPDATE_DEPLOYMENT", 409,
                        (user, setup) -> as(user).delete(setup.base() + "/deployments/" + setup.serving())),
                new Write("deactivate production's deployment by id", "UPDATE_DEPLOYMENT", 200,
                        (user, setup) -> as(user).post(setup.base() + "/deployments/" + setup.serving() + "/deactivate")),
                new Write("deactivate the production alias", "UPDATE_DEPLOYMENT", 200,
                        (user, setup) -> as(user).post(setup.base() + "/deployments/production/deactivate")),
                new Write("activate production's deployment", "UPDATE_DEPLOYMENT", 200,
                        (user, setup) -> as(user).post(setup.base() + "/deployments/" + setup.serving() + "/activate")),
                new Write("deactivate staging, which serves production's deployment", "UPDATE_DEPLOYMENT", 200,
                        (user, setup) -> as(user).post(setup.base() + "/environments/staging/deactivate")),
                new Write("activate production", "UPDATE_DEPLOYMENT", 200,
                        (user, setup) -> as(user).post(setup.base() + "/environments/production/activate")),
                new Write("cancel the promotion into production", "PROMOTE", 200,
                        (user, setup) -> as(user).post(setup.base() + "/environments/production/cancel_promotion")),
                new Write("pause the promotion into production", "PROMOTE", 200,
                        (user, setup) -> as(user).post(setup.base() + "/environments/production/pause_promotion")),
                new Write("resume the promotion into production", "PROMOTE", 200,
                        (user, setup) -> as(user).post(setup.base() + "/environments/production/resume_promotion")),
                new Write("force cancel the promotion into production", "PROMOTE", 200,
                        (user, setup) -> as(user).post(setup.base() + "/environments/production/force_cancel_promotion")),
                new Write("force roll forward the promotion into production", "PROMOTE", 200,
                        (user, setup) -> as(user).post(setup.base() + "/environments/production/force_roll_forward_promotion")),
                new Write("set the backpressure of production's deployment", "UPDATE_DEPLOYMENT", 200,
                        (user, setup) -> as(user).body(Map.of("policy", "REJECT_ON_FULL"))
                                .patch(setup.base() + "/deployments/" + setup.serving() + "/request_backpressure_settings")));
        Write instanceTypes = new Write("change chainlet instance types through staging", "UPDATE_DEPLOYMENT", 200,
                (user, setup) -> as(user).body(Map.of("updates", List.of(Map.of("chainlet_name", "entrypoint", "instance_type_id", "A10Gx4x16"))))
                        .post(setup.base() + "/environments/staging/chainlet_settings/instance_types/update"));
        Stream<Arguments> models = both.stream().map(write -> Arguments.of("models", write));
        Stream<Arguments> chains = Stream.concat(both.stream(), Stream.of(instanceTypes)).map(write -> Arguments.of("chains", write));
        return Stream.concat(models, chains);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("writes")
    void aMemberWithoutAccessIsRefusedAndProductionKeepsWhatItServes(String kind, Write write) {
        Setup setup = setUp(kind);
        String production = served(setup);

        write.call().apply(member, setup).then().statusCode(403)
                .body("code", is("ENVIRONMENT_RESTRICTED"))
                .body("environment", is("production"))
                .body("action", is(write.action()))
                .body("reason", is("NOT_GRANTED"));

        assertEquals(production, served(setup));
        as(admin).get("/v1/audit_logs?environment=production&limit=1").then().statusCode(200)
                .body("items[0].outcome", is("DENIED"))
                .body("items[0].action", is(write.action()))
                .body("items[0].checked_environments", hasItem("production"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("writes")
    void aMemberGrantedProductionMakesTheChange(String kind, Write write) {
        Setup setup = setUp(kind);

        Response response = write.call().apply(granted, setup);

        response.then().statusCode(write.grantedStatus());
        if (write.grantedStatus() == 200) {
            as(admin).get("/v1/audit_logs?environment=production&limit=1").then().statusCode(200)
                    .body("items[0].outcome", is("ALLOWED"))
                    .body("items[0].action", is(write.action()))
                    .body("items[0].actor.user_id", is(granted.userId()));
        }
    }

    private Setup setUp(String kind) {
        String base = "/v1/" + kind + "/" + Api.created(as(admin).body(Map.of("name", "guarded")), kind);
        String serving = Api.pushed(as(admin).body(Map.of()), base);
        as(admin).body(Map.of("name", "staging")).post(base + "/environments").then().statusCode(200);
        for (String environment : List.of("production", "staging")) {
            as(admin).body(Map.of("deployment_id", serving)).post(base + "/environments/" + environment + "/promote")
                    .then().statusCode(200);
        }
        return new Setup(base, serving);
    }

    /** What production serves, as the API shows it. */
    private String served(Setup setup) {
        return as(admin).get(setup.base() + "/environments/production").then().statusCode(200).extract().asString();
    }
}
