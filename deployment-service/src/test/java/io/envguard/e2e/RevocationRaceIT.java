package io.envguard.e2e;

import io.envguard.e2e.Gateway.Organization;
import io.envguard.e2e.Gateway.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.envguard.e2e.Gateway.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Section 7 of the contract, the "new enemy" problem: once a call that takes access away has returned, no guarded call that
 * starts afterwards may still use that access. Each round takes access away and promotes at once as the user who lost it.
 */
class RevocationRaceIT {

    private static final int ROUNDS = Integer.getInteger("envguard.race.rounds", 25);

    private Organization organization;
    private User user;
    private String modelId;
    private String deploymentId;

    @BeforeEach
    void aRestrictedProductionAndAModel() {
        organization = Gateway.newOrganization("race");
        user = Gateway.newMember(organization, "rhea", "MEMBER");
        as(organization.admin())
                .body(Map.of("manage_access", Map.of("is_restricted", true, "user_ids", List.of())))
                .patch("/v1/environment_groups/production").then().statusCode(200);
        modelId = as(organization.admin()).body(Map.of("name", "racer")).post("/v1/models")
                .then().statusCode(200).extract().path("model.id");
        deploymentId = as(organization.admin()).body(Map.of()).post("/v1/models/" + modelId + "/deployments")
                .then().statusCode(200).extract().path("deployment.id");
    }

    @Test
    void aRevokedGrantIsNeverUsedAfterTheRevocationReturns() {
        int allowedAfterRevoke = 0;
        for (int round = 0; round < ROUNDS; round++) {
            as(organization.admin()).body(Map.of()).put(grantPath()).then().statusCode(200);
            assertEquals(200, promoteAs(user), "a granted user promotes");

            as(organization.admin()).delete(grantPath()).then().statusCode(200);
            if (promoteAs(user) != 403) {
                allowedAfterRevoke++;
            }
        }
        assertEquals(0, allowedAfterRevoke, "promotions allowed after the revocation returned, in " + ROUNDS + " rounds");
    }

    @Test
    void aDemotedAdminLosesAccessBeforeTheDemotionReturns() {
        int allowedAfterDemotion = 0;
        for (int round = 0; round < ROUNDS; round++) {
            as(organization.admin()).body(Map.of("role", "ADMIN")).patch("/v1/members/" + user.id()).then().statusCode(200);
            assertEquals(200, promoteAs(user), "an admin promotes");

            as(organization.admin()).body(Map.of("role", "MEMBER")).patch("/v1/members/" + user.id()).then().statusCode(200);
            if (promoteAs(user) != 403) {
                allowedAfterDemotion++;
            }
        }
        assertEquals(0, allowedAfterDemotion, "promotions allowed after the demotion returned, in " + ROUNDS + " rounds");
    }

    private String grantPath() {
        return "/v1/environment_groups/production/grants/" + user.id();
    }

    private int promoteAs(User who) {
        return as(who).body(Map.of("deployment_id", deploymentId))
                .post("/v1/models/" + modelId + "/environments/production/promote")
                .statusCode();
    }
}
