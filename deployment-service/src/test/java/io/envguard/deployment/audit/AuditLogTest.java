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
                .body("items[1].checked_environments", is(List.of("production")))
                .body("items[0].id", is(org.hamcrest.Matchers.instanceOf(String.class)))
                .body("items[0].created", org.hamcrest.Matchers.notNullValue())
                .body("items[0].source", is("API"))
                .body("items[0].actor.type", is("USER"))
                .body("items.event_type", is(List.of("MODEL_DEPLOYMENT_PROMOTED", "MODEL_DEPLOYMENT_PROMOTED")))
                .body("items[0].event_data.event_type", is("MODEL_DEPLOYMENT_PROMOTED"))
                .body("items[0].event_data.model_id", is(model))
                .body("items[0].event_data.model_name", is("model"))
                .body("items[0].event_data.deployment_id", is(deployment))
                .body("items[0].event_data.deployment_name", is("deployment-2"))
                .body("items[0].event_data.environment_name", is("production"))
                .body("items[0].event_data.environment_id", org.hamcrest.Matchers.notNullValue())
                .body("items[0].event_data.keySet()", is(java.util.Set.of("event_type", "model_id", "model_name",
                        "deployment_id", "deployment_name", "environment_name", "environment_id")));
    }

    @Test
    void theLogOfOneModelIsFilteredByBasetensParameters() {
        String model = Api.createModel(member, null);
        String other = Api.createModel(member, null);
        String deployment = Api.pushDeployment(member, "models", model);
        as(member).body(Map.of("deployment_id", deployment)).post("/v1/models/" + model + "/environments/production/promote")
                .then().statusCode(200);
        as(member).body(Map.of("name", "staging")).post("/v1/models/" + model + "/environments").then().statusCode(200);
        as(member).delete("/v1/models/" + model + "/environments/staging").then().statusCode(200);

        as(admin).get("/v1/models/" + model + "/audit_logs?direction=ASC")
                .then().statusCode(200)
                .body("items.event_type", is(List.of("ENVIRONMENT_CREATED", "MODEL_DEPLOYED", "MODEL_DEPLOYED",
                        "MODEL_DEPLOYMENT_PROMOTED", "ENVIRONMENT_CREATED", "ENVIRONMENT_DELETED")))
                .body("items[0].event_data.environment_name", is("production"))
                .body("items[4].event_data.environment_name", is("staging"))
                .body("items[4].event_data.promotion_cleanup_strategy", is("SCALE_TO_ZERO"))
                .body("items.model_id", org.hamcrest.Matchers.everyItem(is(model)));
        as(admin).get("/v1/models/" + model + "/audit_logs?deployment_ids=" + deployment + "&user_ids=" + member.userId())
                .then().statusCode(200).body("items.event_type", is(List.of("MODEL_DEPLOYMENT_PROMOTED", "MODEL_DEPLOYED")));
        as(admin).get("/v1/models/" + model + "/audit_logs?environment_names=staging&environment_names=nowhere")
                .then().statusCode(200).body("items.size()", is(2));
        as(admin).get("/v1/models/" + model + "/audit_logs?start_epoch_millis=" + Instant.now().plusSeconds(60).toEpochMilli())
                .then().statusCode(200).body("items", empty()).body("pagination.has_more", is(false));
        as(admin).get("/v1/models/" + other + "/audit_logs?limit=1")
                .then().statusCode(200).body("items.size()", is(1)).body("pagination.has_more", is(true));
        as(member).get("/v1/models/" + model + "/audit_logs").then().statusCode(403);
        as(admin).get("/v1/models/00000000-0000-0000-0000-000000000000/audit_logs").then().statusCode(404);
    }

    @Test
    void aChangeToADeploymentServingTwoEnvironmentsIsRecordedForEachNamingBoth() {
        String model = Api.createModel(member, null);
        String deployment = Api.pushDeployment(member, "models", model);
        as(member).body(Map.of("deployment_id", deployment)).post("/v1/models/" + model + "/environments/production/promote")
                .then().statusCode(200);
        as(member).body(Map.of("name", "staging")).post("/v1/models/" + model + "/environments").then().statusCode(200);
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
                .then().statusCode(200).body("items.action", is(List.of("CREATE_DEPLOYMENT", "CREATE_MODEL")))
                .body("items[1].checked_environments", empty())
                .body("items[1].details.name", is("model"));
        as(admin).get("/v1/audit_logs?since=" + Instant.now().plusSeconds(60))
                .then().statusCode(200).body("items", empty());
        as(admin).get("/v1/audit_logs?until=" + Instant.now().plusSeconds(60))
                .then().statusCode(200).body("items.size()", is(4));
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
