package io.envguard.environment.flow;

import io.envguard.environment.support.Api;
import io.envguard.environment.support.EnvguardTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@QuarkusTestResource(EnvguardTestResources.class)
class OrganizationFlowTest {

    @Test
    void anAdminRestrictsProductionAndGrantsOneMember() {
        Api admin = Api.newUser("ada");
        Api member = Api.newUser("bob");
        admin.createOrganization("Acme");
        String memberId = admin.addMember(member, "MEMBER");

        admin.request().get("/v1/environment_groups/production").then().statusCode(200)
                .body("name", equalTo("production"))
                .body("manage_access.is_restricted", equalTo(false))
                .body("manage_access.users", hasSize(0));

        admin.request()
                .body(Map.of("manage_access", Map.of("is_restricted", true, "user_ids", List.of(memberId))))
                .patch("/v1/environment_groups/production")
                .then().statusCode(200)
                .header("Platform-Revision", equalTo("4"))
                .body("revision", equalTo(4))
                .body("team_name", equalTo("default"))
                .body("manage_access.is_restricted", equalTo(true))
                .body("manage_access.users.via", containsInAnyOrder("ORG_ADMIN", "GRANT"))
                .body("manage_access.users.find { it.via == 'GRANT' }.user_id", equalTo(memberId));
    }

    @Test
    void aMemberCannotRestrict() {
        Api admin = Api.newUser("ada");
        Api member = Api.newUser("bob");
        admin.createOrganization("Acme");
        admin.addMember(member, "MEMBER");

        member.request().body(Map.of("manage_access", Map.of("is_restricted", true)))
                .patch("/v1/environment_groups/production")
                .then().statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
    }

    @Test
    void aUserBelongsToAtMostOneOrganization() {
        Api admin = Api.newUser("ada");
        admin.createOrganization("Acme");
        admin.request().body(Map.of("name", "Other")).post("/v1/organizations")
                .then().statusCode(409).body("code", equalTo("CONFLICT"));

        Api rival = Api.newUser("eve");
        rival.createOrganization("Rival");
        admin.request().body(Map.of("email", rival.email(), "role", "MEMBER")).post("/v1/members")
                .then().statusCode(409).body("code", equalTo("CONFLICT"));
    }

    @Test
    void theCallersOrganizationIsReturnedWithItsDefaultTeam() {
        Api admin = Api.newUser("ada");
        String id = admin.createOrganization("Acme");
        admin.request().get("/v1/organization").then().statusCode(200)
                .body("id", equalTo(id))
                .body("name", equalTo("Acme"))
                .body("default_team_id", notNullValue())
                .body("revision", equalTo(1));
    }
}
