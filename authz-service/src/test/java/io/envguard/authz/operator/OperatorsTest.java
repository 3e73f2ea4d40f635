package io.envguard.authz.operator;

import static io.envguard.authz.support.Platform.bearer;
import static io.envguard.authz.support.Platform.jwt;
import static io.envguard.authz.support.Platform.operatorJwt;
import static io.envguard.authz.support.Platform.operatorToken;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.envguard.authz.support.AuthzTestResources;
import io.envguard.authz.support.History;
import io.envguard.authz.support.Platform;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Platform operations are an operator's: the operator token or the identity provider's operator role. An organisation's
 * admin, which anyone becomes by creating an organisation, is refused; the operator token acts as no tenant.
 */
@QuarkusTest
@WithTestResource(value = AuthzTestResources.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OperatorsTest {

    private static final String REBUILD = "/internal/v1/access-table/rebuild";

    @Inject
    Platform platform;

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST"})
    void anOrganisationAdminMayNotRunAPlatformOperation(String method) {
        String id = UUID.randomUUID().toString();
        History org = new History("org-" + id);
        String admin = "admin-" + id + "@example.com";
        platform.appendAndAwait(org, org.organizationCreated("u-admin-" + id, admin));
        given().header("Authorization", bearer(jwt(admin))).request(method, REBUILD)
                .then().statusCode(403).body("code", equalTo("FORBIDDEN"))
                .body("message", containsString("operator credential"));
    }

    @Test
    void theOperatorTokenAndTheOperatorRoleMayReadTheRebuildStatus() {
        given().header("Authorization", operatorToken()).get(REBUILD).then().statusCode(200);
        given().header("Authorization", bearer(operatorJwt("ops@example.com"))).get(REBUILD).then().statusCode(200);
        given().header("Authorization", "OPERATOR  " + operatorToken().substring("Operator ".length()))
                .get(REBUILD).then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Operator ", "Operator not-the-token-but-long-enough-to-be-one-00000"})
    void anythingElseIsUnauthenticated(String authorization) {
        given().header("Authorization", authorization).get(REBUILD)
                .then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void theOperatorTokenActsAsNoTenant() {
        given().header("Authorization", operatorToken()).get("/internal/v1/principal")
                .then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        given().header("Authorization", operatorToken()).contentType(ContentType.JSON)
                .body("{\"action\":\"PROMOTE\",\"team_id\":\"t\",\"environment\":\"production\"}")
                .post("/v1/permissions/check")
                .then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void aRotatedTokenCountsAtOnceAndAShortOneIsRefused() throws Exception {
        String before = Files.readString(AuthzTestResources.OPERATOR_TOKEN);
        String old = operatorToken();
        try {
            Files.writeString(AuthzTestResources.OPERATOR_TOKEN, "rotated-" + UUID.randomUUID() + "\n");
            given().header("Authorization", old).get(REBUILD).then().statusCode(401);
            given().header("Authorization", operatorToken()).get(REBUILD).then().statusCode(200);

            Files.writeString(AuthzTestResources.OPERATOR_TOKEN, "short-but-right\n");
            given().header("Authorization", "Operator short-but-right").get(REBUILD).then().statusCode(401);
        } finally {
            Files.writeString(AuthzTestResources.OPERATOR_TOKEN, before);
        }
        given().header("Authorization", old).get(REBUILD).then().statusCode(200);
    }
}
