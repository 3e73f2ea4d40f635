package io.envguard.e2e;

import io.envguard.e2e.Gateway.Organization;
import io.envguard.e2e.Gateway.User;
import io.restassured.response.Response;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.envguard.e2e.Gateway.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/** The first flow of the product, end to end: restrict {@code production}, grant one member, promote. */
class RestrictedPromotionIT {

    private Organization organization;
    private User granted;
    private User other;
    private String modelId;

    @BeforeEach
    void anOrganisationWithAModelAndTwoMembers() {
        organization = Gateway.newOrganization("acme");
        granted = Gateway.newMember(organization, "grace", "MEMBER");
        other = Gateway.newMember(organization, "oscar", "MEMBER");
        modelId = as(organization.admin()).body(Map.of("name", "llama"))
                .post("/v1/models")
                .then().statusCode(200).body("model.team_id", equalTo(organization.defaultTeamId()))
                .extract().path("model.id");
    }

    @Test
    void anyMemberPromotesToAnUnrestrictedProduction() {
        String deployment = push(other);

        promote(other, deployment).then().statusCode(200)
                .body("id", equalTo(deployment))
                .body("environment", equalTo("production"));
        currentProductionDeployment(equalTo(deployment));
    }

    @Test
    void onlyGrantedMembersAndAdminsPromoteOnceProductionIsRestricted() {
        String first = push(organization.admin());
        promote(other, first).then().statusCode(200);

        int revision = restrictProductionTo(granted);

        String second = push(other);
        promote(other, second).then().statusCode(403)
                .body("code", equalTo("ENVIRONMENT_RESTRICTED"))
                .body("environment", equalTo("production"))
                .body("action", equalTo("PROMOTE"))
                .body("reason", equalTo("NOT_GRANTED"))
                .body("revision", notNullValue());
        currentProductionDeployment(equalTo(first));

        promote(granted, second).then().statusCode(200).body("id", equalTo(second));
        currentProductionDeployment(equalTo(second));

        promote(organization.admin(), first).then().statusCode(200);
        currentProductionDeployment(equalTo(first));

        as(other).get("/v1/environment_groups/production").then().statusCode(200)
                .body("manage_access.is_restricted", equalTo(true))
                .body("manage_access.users.user_id", hasItem(granted.id()))
                .body("revision", equalTo(revision));
    }

    @Test
    void requestsWithoutCredentialsAreRejectedBeforeAnythingRuns() {
        Gateway.anonymous().post("/v1/models/" + modelId + "/environments/production/promote")
                .then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        Gateway.anonymous().get("/v1/environment_groups/production")
                .then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
    }

    private String push(User user) {
        return as(user).body(Map.of()).post("/v1/models/" + modelId + "/deployments")
                .then().statusCode(200).extract().path("deployment.id");
    }

    private Response promote(User user, String deploymentId) {
        return as(user).body(Map.of("deployment_id", deploymentId))
                .post("/v1/models/" + modelId + "/environments/production/promote");
    }

    private int restrictProductionTo(User user) {
        return as(organization.admin())
                .body(Map.of("manage_access", Map.of("is_restricted", true, "user_ids", List.of(user.id()))))
                .patch("/v1/environment_groups/production")
                .then().statusCode(200)
                .body("manage_access.is_restricted", equalTo(true))
                .body("revision", greaterThan(0))
                .extract().path("revision");
    }

    private void currentProductionDeployment(Matcher<?> expected) {
        as(organization.admin()).get("/v1/models/" + modelId + "/environments/production")
                .then().statusCode(200).body("current_deployment.id", expected);
    }
}
