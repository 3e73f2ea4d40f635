package io.envguard.deployment.authz;

import io.envguard.deployment.testing.Api;
import io.envguard.deployment.testing.Fixtures;
import io.envguard.deployment.testing.Fixtures.User;
import io.envguard.deployment.testing.StubAuthz.CheckMode;
import io.envguard.deployment.testing.TestPlatform;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.envguard.deployment.testing.Api.as;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A change is judged by what it changes, not by the path it comes through: the ways into a restricted production through
 * another environment, each refused with 403 naming production and changing nothing — and the writes that only look
 * like one, allowed.
 */
@QuarkusTest
@WithTestResource(TestPlatform.class)
class SideDoorTest {

    private User admin;
    private User member;

    @BeforeEach
    void anOrganisationWithARestrictedProduction() {
        Fixtures.authz().reset();
        String organization = "org-side-door-" + UUID.randomUUID();
        admin = Fixtures.user("owner", organization, "ADMIN", List.of("team-sd"));
        member = Fixtures.user("member", organization, "MEMBER", List.of("team-sd"));
        Fixtures.authz().restrict("production");
    }

    @ParameterizedTest(name = "{0}, production''s deployment promoted into staging by {1}")
    @CsvSource({"models, id", "models, alias", "chains, id", "chains, alias"})
    void theReproductionOfTheIssueIsRefusedAndProductionKeepsWhatItServes(String kind, String reference) {
        String base = workload(kind);
        String deployment = push(admin, base, "1x2");
        promote(admin, base, "production", deployment).then().statusCode(200);
        String production = served(base, "production");

        as(member).body(Map.of("name", "staging")).post(base + "/environments").then().statusCode(200);
        promote(member, base, "staging", reference.equals("id") ? deployment : "production").then().statusCode(200);
        Response scaled = as(member).body(Map.of("autoscaling_settings", Map.of("max_replica", 7))).patch(base + "/environments/staging");

        assertRestricted(scaled, "UPDATE_AUTOSCALING");
        assertEquals(production, served(base, "production"));
        as(admin).get("/v1/audit_logs?environment=production&limit=1").then().statusCode(200)
                .body("items[0].outcome", is("DENIED"))
                .body("items[0].action", is("UPDATE_AUTOSCALING"))
                .body("items[0].checked_environments", is(List.of("staging", "production")));
    }

    @Test
    void chainletAutoscalingThroughAnotherEnvironmentIsRefused() {
        String base = workload("chains");
        String deployment = push(admin, base, "1x2");
        promote(admin, base, "production", deployment).then().statusCode(200);
        environment(admin, base, "staging", deployment);
        String production = served(base, "production");

        Response scaled = as(member).body(Map.of("updates", List.of(Map.of("chainlet_name", "entrypoint",
                "autoscaling_settings", Map.of("max_replica", 9))))).patch(base + "/environments/staging/chainlet_settings/autoscaling_settings");

        assertRestricted(scaled, "UPDATE_AUTOSCALING");
        assertEquals(production, served(base, "production"));
    }

    @Test
    void aPromoteThatWouldCarryAnInstanceTypeIntoProductionsDeploymentIsRefused() {
        String base = workload("models");
        String deployment = push(admin, base, "1x2");
        promote(admin, base, "production", deployment).then().statusCode(200);
        String gpu = push(admin, base, "A10Gx4x16");
        environment(admin, base, "staging", gpu);
        String production = served(base, "production");
        String staging = served(base, "staging");

        Map<String, Object> preserving = new LinkedHashMap<>();
        preserving.put("deployment_id", deployment);
        preserving.put("preserve_env_instance_type", true);
        Response promoted = as(member).body(preserving).post(base + "/environments/staging/promote");

        assertRestricted(promoted, "UPDATE_DEPLOYMENT");
        assertEquals(production, served(base, "production"));
        assertEquals(staging, served(base, "staging"));

        // Preserving is the spec's default: a body that does not say false carries the instance type too.
        assertRestricted(promote(member, base, "staging", deployment), "UPDATE_DEPLOYMENT");
        assertEquals(production, served(base, "production"));
        assertEquals(staging, served(base, "staging"));
    }

    @Test
    void writesThatLeaveProductionsServedStateAloneAreAllowed() {
        String base = workload("models");
        String deployment = push(admin, base, "1x2");
        promote(admin, base, "production", deployment).then().statusCode(200);
        environment(admin, base, "staging", push(admin, base, "2x8"));
        String production = served(base, "production");

        // Sharing production's deployment without its taking staging's instance type writes nothing into it; neither
        // does replacing it where it is shared.
        as(member).body(Map.of("deployment_id", deployment, "preserve_env_instance_type", false))
                .post(base + "/environments/staging/promote").then().statusCode(200).body("instance_type_name", is("1x2"));
        as(member).body(Map.of("promotion_settings", Map.of("rolling_deploy", true))).patch(base + "/environments/staging")
                .then().statusCode(200);
        Map<String, Object> scaleDown = Map.of("deployment_id", push(member, base, "2x8"), "scale_down_previous_deployment", true);
        as(member).body(scaleDown).post(base + "/environments/staging/promote").then().statusCode(200);
        as(member).delete(base + "/environments/staging").then().statusCode(200);

        assertEquals(production, served(base, "production"));
    }

    @Test
    void theDevelopmentAliasReachesProductionsDeploymentOnlyWithAccess() {
        String base = workload("models");
        String deployment = push(admin, base, "1x2");
        promote(admin, base, "production", deployment).then().statusCode(200);
        as(member).body(Map.of("name", "development")).post(base + "/environments").then().statusCode(200);
        promote(member, base, "development", "production").then().statusCode(200);
        String production = served(base, "production");

        assertRestricted(as(member).body(Map.of("max_replica", 5)).patch(base + "/deployments/development/autoscaling_settings"),
                "UPDATE_AUTOSCALING");
        assertRestricted(as(member).body(Map.of("instance_type", "2x8")).patch(base + "/deployments/development"),
                "UPDATE_DEPLOYMENT");
        assertEquals(production, served(base, "production"));
    }

    @Test
    void aSideDoorIsUnavailableAndChangesNothingWhileAuthzIsDown() {
        String base = workload("models");
        String deployment = push(admin, base, "1x2");
        promote(admin, base, "production", deployment).then().statusCode(200);
        environment(admin, base, "staging", deployment);
        String production = served(base, "production");

        Fixtures.authz().checkMode(CheckMode.SERVER_ERROR);
        as(member).body(Map.of("autoscaling_settings", Map.of("max_replica", 7))).patch(base + "/environments/staging")
                .then().statusCode(503).body("code", is("AUTHZ_UNAVAILABLE"));
        Fixtures.authz().checkMode(CheckMode.ANSWER);
        assertEquals(production, served(base, "production"));
    }

    private String workload(String kind) {
        String id = Api.created(as(admin).body(Map.of("name", "guarded")), kind);
        return "/v1/" + kind + "/" + id;
    }

    private static String push(User user, String base, String instanceType) {
        return Api.pushed(as(user).body(Map.of("instance_type", instanceType)), base);
    }

    private static Response promote(User user, String base, String environment, String reference) {
        return as(user).body(Map.of("deployment_id", reference)).post(base + "/environments/" + environment + "/promote");
    }

    private void environment(User user, String base, String name, String deployment) {
        as(user).body(Map.of("name", name)).post(base + "/environments").then().statusCode(200);
        promote(user, base, name, deployment).then().statusCode(200);
    }

    /** What the environment serves, as the API shows it. */
    private String served(String base, String environment) {
        return as(admin).get(base + "/environments/" + environment).then().statusCode(200).extract().asString();
    }

    private static void assertRestricted(Response response, String action) {
        response.then().statusCode(403)
                .body("code", is("ENVIRONMENT_RESTRICTED"))
                .body("environment", is("production"))
                .body("action", is(action))
                .body("reason", is("NOT_GRANTED"));
    }
}
