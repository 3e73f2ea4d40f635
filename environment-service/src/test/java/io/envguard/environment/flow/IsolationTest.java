package io.envguard.environment.flow;

import io.envguard.environment.support.Api;
import io.envguard.environment.support.EnvguardTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;

/**
 * Nothing of another organisation is visible or changeable (404), and members never reach what only admins may do
 * (403), whatever the endpoint.
 */
@QuarkusTest
@QuarkusTestResource(EnvguardTestResources.class)
class IsolationTest {

    /** Organisation Acme: an admin, a member, a team with a restricted production granting the member, an API key. */
    private static final class Acme {
        static final Api ADMIN = Api.newUser("ada");
        static final Api MEMBER = Api.newUser("bob");
        static final Api RIVAL = Api.newUser("eve");
        static final String MEMBER_ID;
        static final String TEAM_ID;
        static final String KEY_PREFIX;

        static {
            ADMIN.createOrganization("Acme");
            RIVAL.createOrganization("Rival");
            MEMBER_ID = ADMIN.addMember(MEMBER, "MEMBER");
            TEAM_ID = ADMIN.request().body(Map.of("name", "ml")).post("/v1/teams").then().extract().path("id");
            ADMIN.request().body(Map.of("user_id", MEMBER_ID, "role", "MEMBER"))
                    .post("/v1/teams/" + TEAM_ID + "/members").then().statusCode(201);
            ADMIN.request().body(Map.of("manage_access", Map.of("is_restricted", true, "user_ids", List.of(MEMBER_ID))))
                    .patch("/v1/teams/" + TEAM_ID + "/environment_groups/production").then().statusCode(200);
            KEY_PREFIX = ADMIN.request().body(Map.of("name", "ci", "type", "PERSONAL")).post("/v1/api_keys").then().extract().path("prefix");
        }

        static String path(String template) {
            return template.replace("{team}", TEAM_ID).replace("{user}", MEMBER_ID).replace("{prefix}", KEY_PREFIX);
        }
    }

    private static final String RESTRICT = "{\"manage_access\": {\"is_restricted\": true}}";

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "GET    | /v1/members/{user}                                              | ",
            "PATCH  | /v1/members/{user}                                              | {\"role\": \"ADMIN\"}",
            "DELETE | /v1/members/{user}                                              | ",
            "GET    | /v1/teams/{team}                                                | ",
            "POST   | /v1/teams/{team}/members                                        | {\"user_id\": \"{user}\", \"role\": \"MEMBER\"}",
            "DELETE | /v1/teams/{team}/members/{user}                                 | ",
            "GET    | /v1/teams/{team}/environment_groups                             | ",
            "POST   | /v1/teams/{team}/environment_groups                             | {\"name\": \"staging\"}",
            "GET    | /v1/teams/{team}/environment_groups/production                  | ",
            "PATCH  | /v1/teams/{team}/environment_groups/production                  | " + RESTRICT,
            "PUT    | /v1/teams/{team}/environment_groups/production/grants/{user}    | {}",
            "DELETE | /v1/teams/{team}/environment_groups/production/grants/{user}    | ",
            "GET    | /v1/teams/{team}/environment_groups/production/history          | ",
            "GET    | /v1/teams/{team}/environment_groups/production/access           | ",
            "DELETE | /v1/api_keys/{prefix}                                           | ",
            "POST   | /v1/teams/{team}/api_keys                                       | {\"type\": \"PERSONAL\"}",
            "GET    | /v1/users/{user}                                                | ",
    })
    void anotherOrganizationsThingsAreNotFound(String method, String path, String body) {
        Acme.RIVAL.request().body(Acme.path(body == null ? "{}" : body)).request(method, Acme.path(path))
                .then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "POST   | /v1/members                                                     | {\"email\": \"new@example.com\", \"role\": \"MEMBER\"}",
            "PATCH  | /v1/members/{user}                                              | {\"role\": \"ADMIN\"}",
            "DELETE | /v1/members/{user}                                              | ",
            "POST   | /v1/teams                                                       | {\"name\": \"infra\"}",
            "POST   | /v1/teams/{team}/members                                        | {\"user_id\": \"{user}\", \"role\": \"ADMIN\"}",
            "DELETE | /v1/teams/{team}/members/{user}                                 | ",
            "POST   | /v1/teams/{team}/environment_groups                             | {\"name\": \"qa\", \"manage_access\": {\"is_restricted\": true}}",
            "PATCH  | /v1/teams/{team}/environment_groups/production                  | " + RESTRICT,
            "PATCH  | /v1/environment_groups/development                              | " + RESTRICT,
            "PATCH  | /v1/environment_groups/development                              | {\"manage_access\": null}",
            "PUT    | /v1/teams/{team}/environment_groups/production/grants/{user}    | {}",
            "DELETE | /v1/teams/{team}/environment_groups/production/grants/{user}    | ",
    })
    void membersAreForbiddenWhatOnlyAdminsMayDo(String method, String path, String body) {
        Acme.MEMBER.request().body(Acme.path(body == null ? "{}" : body)).request(method, Acme.path(path))
                .then().statusCode(403).body("code", equalTo("FORBIDDEN"));
    }
}
