package io.envguard.environment.support;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/** A user of the API in tests: a token from the local issuer, and requests carrying it. */
public final class Api {

    private final String userId;
    private final String email;
    private final String authorization;

    private Api(String userId, String email, String authorization) {
        this.userId = userId;
        this.email = email;
        this.authorization = authorization;
    }

    /** A new user with a unique email, e.g. {@code alice-1f2e...@example.com}. */
    public static Api newUser(String name) {
        String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String token = RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "name", name))
                .post("/v1/auth/token")
                .then().statusCode(200)
                .extract().path("token");
        return new Api(subjectOf(token), email, "Bearer " + token);
    }

    /** The same user presenting another credential (e.g. an API key). */
    public Api withAuthorization(String otherAuthorization) {
        return new Api(userId, email, otherAuthorization);
    }

    private static String subjectOf(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return io.restassured.path.json.JsonPath.from(payload).getString("sub");
    }

    public String email() {
        return email;
    }

    public String authorization() {
        return authorization;
    }

    public RequestSpecification request() {
        return RestAssured.given().header("Authorization", authorization).contentType(ContentType.JSON);
    }

    /** Creates an organisation with this user as its admin; answers the organisation id. */
    public String createOrganization(String name) {
        return request().body(Map.of("name", name)).post("/v1/organizations")
                .then().statusCode(201).extract().path("id");
    }

    /** Adds the other user to this user's organisation; answers the new member's user id. */
    public String addMember(Api other, String role) {
        return request().body(Map.of("email", other.email(), "role", role)).post("/v1/members")
                .then().statusCode(201).extract().path("user_id");
    }

    public String userId() {
        return userId;
    }
}
