package io.envguard.deployment.audit;

import io.envguard.deployment.testing.Api;
import io.envguard.deployment.testing.Fixtures;
import io.envguard.deployment.testing.Fixtures.User;
import io.envguard.deployment.testing.TestPlatform;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.envguard.deployment.testing.Api.as;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

@QuarkusTest
@WithTestResource(TestPlatform.class)
class AuditLogTest {

    private User admin;
    private User member;

    @BeforeEach
    void anOrganization() {
        Fixtures.authz().reset();
        String organization = "org-audit-" + System.nanoTime();
        admin = Fixtures.user("boss", organization, "ADMIN", List.of("team-a"));
        member = Fixtures.user("dev", organization, "MEMBER", List.of("team-a"));
    }

    @Test
    void allowedAndDeniedPromotionsAreRecordedWithWhoWhereAndWhy() {
        String model = Api.createModel(member, null);
        String deployment = Api.pushDeployment(member, "models", model);
        String promote = "/v1/models/" + model + "/environments/production/promote";
        as(member).body(Map.of("deployment_id", deployment)).post(promote).then().statusCode(200);
        Fixtures.authz().deny("NOT_GRANTED");
        as(member).body(Map.of("deployment_id", deployment)).post(promote).then().statusCode(403);

        as(admin).get("/v1/audit_logs?environment=production")
                .then().statusCode(200)
                .body("items.outcome", is(List.of("DENIED", "ALLOWED")))
                .body("items.action", is(List.of("PROMOTE", "PROMOTE")))
                .body("items[0].reason", is("NOT_GRANTED"))
                .body("items[0].actor.user_id", is(member.userId()))
                .body("items[0].actor.email", is(member.email()))
                .body("items[0].actor.credential", is("JWT"))
                .body("items[0].model_id", is(model))
                .body("items[0].deployment_id", is(deployment))
                .body("items[0].revision", is(7))
                .body("items[0].details.deployment_id", is(deployment))
                .body("items[0].checked_environments", is(List.of("production")))
                .body("items[1].checked_environments", is(List.of("production")));
    }

    @Test
    void aChangeToADeploymentServingTwoEnvironmentsIsRecordedForEachNamingBoth() {
        String model = Api.createModel(member, null);
        String deployment = Api.pushDeployment(member, "models", model);
        as(member).body(Map.of("deployment_id", deployment)).post("/v1/models/" + model + "/environments/production/promote")
                .then().statusCode(200);
        as(member).body(Map.of("name", "staging")).post("/v1/models/" + model + "/environments").then().statusCode(201);
        as(member).body(Map.of("deployment_id", deployment)).post("/v1/models/" + model + "/environments/staging/promote")
                .then().statusCode(200);

        as(member).body(Map.of("autoscaling_settings", Map.of("max_replica", 3))).patch("/v1/models/" + model + "/environments/staging")
                .then().statusCode(200);

        as(admin).get("/v1/audit_logs?limit=2")
                .then().statusCode(200)
                .body("items.environment", is(List.of("production", "staging")))
                .body("items.action", is(List.of("UPDATE_AUTOSCALING", "MANAGE_ENVIRONMENT")))
                .body("items[0].checked_environments", is(List.of("staging", "production")))
                .body("items[1].checked_environments", is(List.of("staging", "production")));
    }

    @Test
    void theLogIsFilteredByUserAndTime() {
        Api.createModel(member, null);
        Api.createModel(admin, null);

        as(admin).get("/v1/audit_logs?user_id=" + admin.userId())
                .then().statusCode(200).body("items.action", is(List.of("CREATE_MODEL")))
                .body("items[0].checked_environments", empty())
                .body("items[0].details.name", is("model"));
        as(admin).get("/v1/audit_logs?since=" + Instant.now().plusSeconds(60))
                .then().statusCode(200).body("items", empty());
        as(admin).get("/v1/audit_logs?until=" + Instant.now().plusSeconds(60))
                .then().statusCode(200).body("items.size()", is(2));
        as(admin).get("/v1/audit_logs?since=yesterday").then().statusCode(400).body("fields.since", is(org.hamcrest.Matchers.notNullValue()));
    }

    @Test
    void onlyOrgAdminsReadTheLog() {
        as(member).get("/v1/audit_logs").then().statusCode(403).body("code", is("FORBIDDEN"));
    }

    @Test
    void anotherOrganizationsEntriesAreNotShown() {
        Api.createModel(member, null);
        as(Fixtures.stranger()).get("/v1/audit_logs?user_id=" + member.userId()).then().statusCode(200).body("items", empty());
    }
}
