package io.envguard.deployment.authz;

import io.envguard.deployment.testing.Api;
import io.envguard.deployment.testing.Fixtures;
import io.envguard.deployment.testing.Fixtures.User;
import io.envguard.deployment.testing.StubAuthz;
import io.envguard.deployment.testing.TestPlatform;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static io.envguard.deployment.testing.Api.as;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Check and write are atomic with respect to promotions. A member changes a deployment that is current only in the
 * unrestricted {@code staging}; while authz-service is deciding about staging, an admin promotes that deployment into
 * the restricted {@code production}. The member's change must not land on production's deployment unchecked: it is
 * checked again against production, and refused.
 */
@QuarkusTest
@WithTestResource(TestPlatform.class)
class PromotionRaceTest {

    /** A model or chain whose deployment {@code shared} is current in staging (and nowhere else). */
    record Setup(String base, String shared) {
    }

    record SideDoor(String description, String kind, BiFunction<User, Setup, Response> write) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Arguments> sideDoors() {
        return Stream.of(
                new SideDoor("autoscaling through the staging environment", "models",
                        (user, s) -> demanding(user).body(Map.of("autoscaling_settings", Map.of("max_replica", 7)))
                                .patch(s.base() + "/environments/staging")),
                new SideDoor("autoscaling of the deployment by id", "models",
                        (user, s) -> demanding(user).body(Map.of("max_replica", 7))
                                .patch(s.base() + "/deployments/" + s.shared() + "/autoscaling_settings")),
                new SideDoor("settings of the deployment by id", "models",
                        (user, s) -> demanding(user).body(Map.of("instance_type", "H100:2x52x468"))
                                .patch(s.base() + "/deployments/" + s.shared())),
                new SideDoor("a promote into staging carrying the instance type", "models",
                        (user, s) -> demanding(user).body(Map.of("deployment_id", s.shared(), "preserve_env_instance_type", true))
                                .post(s.base() + "/environments/qa/promote")),
                new SideDoor("chainlet autoscaling through the staging environment", "chains",
                        (user, s) -> demanding(user).body(Map.of("updates", List.of(Map.of("chainlet_name", "entrypoint",
                                        "autoscaling_settings", Map.of("max_replica", 7)))))
                                .patch(s.base() + "/environments/staging/chainlet_settings/autoscaling_settings")),
                new SideDoor("deactivating the staging environment", "models",
                        (user, s) -> demanding(user).post(s.base() + "/environments/staging/deactivate")),
                new SideDoor("deactivating the deployment by id", "models",
                        (user, s) -> demanding(user).post(s.base() + "/deployments/" + s.shared() + "/deactivate")),
                new SideDoor("backpressure of the deployment by id", "models",
                        (user, s) -> demanding(user).body(Map.of("policy", "REJECT_ON_FULL"))
                                .patch(s.base() + "/deployments/" + s.shared() + "/request_backpressure_settings")),
                new SideDoor("deleting the deployment", "models",
                        (user, s) -> demanding(user).delete(s.base() + "/deployments/" + s.shared())),
                new SideDoor("chainlet instance types through the staging environment", "chains",
                        (user, s) -> demanding(user).body(Map.of("updates", List.of(Map.of("chainlet_name", "entrypoint",
                                        "instance_type_id", "H100:2x52x468"))))
                                .post(s.base() + "/environments/staging/chainlet_settings/instance_types/update"))
        ).map(Arguments::of);
    }

    private User admin;
    private User member;

    @BeforeEach
    void anOrganisationWithARestrictedProduction() {
        Fixtures.authz().reset();
        String organization = "org-race-" + UUID.randomUUID();
        admin = Fixtures.user("owner", organization, "ADMIN", List.of("team-race"));
        member = Fixtures.user("member", organization, "MEMBER", List.of("team-race"));
        Fixtures.authz().restrict("production");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sideDoors")
    void aChangeRacingAPromoteIntoProductionIsCheckedAgainstProduction(SideDoor door) throws Exception {
        Setup setup = setUp(door.kind());
        StubAuthz.Hold hold = Fixtures.authz().hold(door.description().startsWith("a promote") ? "qa" : "staging");

        CompletableFuture<Response> racing = CompletableFuture.supplyAsync(() -> door.write().apply(member, setup));
        assertTrue(hold.awaitArrived(5_000), "the member's check never reached authz-service");
        as(admin).body(Map.of("deployment_id", setup.shared())).post(setup.base() + "/environments/production/promote")
                .then().statusCode(200);
        String production = served(setup.base(), "production");
        hold.release();
        Response answer = racing.get();

        answer.then().statusCode(403)
                .body("code", is("ENVIRONMENT_RESTRICTED"))
                .body("environment", is("production"));
        assertEquals(production, served(setup.base(), "production"), "production changed after the promote");
    }

    /**
     * The member demands a revision the stub has (6; principals are at 5): a check that waits for a revision may take up
     * to a second, the widest window a promote can land in between a check and its write.
     */
    private static RequestSpecification demanding(User user) {
        return as(user).header("Platform-Revision", "6");
    }

    private Setup setUp(String kind) {
        String id = Api.created(as(admin).body(Map.of("name", "raced")), kind);
        String base = "/v1/" + kind + "/" + id;
        String current = push(base, "1x2");
        String shared = push(base, "1x2");
        promote(base, "production", current);
        environment(base, "staging", shared);
        environment(base, "qa", push(base, "A10Gx4x16"));
        return new Setup(base, shared);
    }

    private String push(String base, String instanceType) {
        return Api.pushed(as(admin).body(Map.of("instance_type", instanceType)), base);
    }

    private void promote(String base, String environment, String deployment) {
        as(admin).body(Map.of("deployment_id", deployment)).post(base + "/environments/" + environment + "/promote").then().statusCode(200);
    }

    private void environment(String base, String name, String deployment) {
        as(admin).body(Map.of("name", name)).post(base + "/environments").then().statusCode(200);
        promote(base, name, deployment);
    }

    private String served(String base, String environment) {
        return as(admin).get(base + "/environments/" + environment).then().statusCode(200).extract().asString();
    }
}
