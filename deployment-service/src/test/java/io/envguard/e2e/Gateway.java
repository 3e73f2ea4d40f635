package io.envguard.e2e;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.Map;
import java.util.UUID;

/**
 * The platform as a user meets it: plain HTTP through the gateway of a running platform ({@code bin/platform up}).
 * Each test works in an organisation of its own, with users whose emails are unique to the run.
 */
final class Gateway {

    static final String URL = System.getProperty("envguard.gateway", "http://127.0.0.1:8080");

    private Gateway() {
    }

    static RequestSpecification anonymous() {
        return RestAssured.given().baseUri(URL).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    static RequestSpecification as(User user) {
        return anonymous().header("Authorization", "Bearer " + user.token());
    }

    /** Signs in a new person through the local token issuer. */
    static User newUser(String label) {
        String email = label + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String token = anonymous()
                .body(Map.of("email", email, "name", label))
                .post("/v1/auth/token")
                .then().statusCode(200)
                .extract().path("token");
        return new User(email, label, token, null);
    }

    /** A new user who creates an organisation and so becomes its first admin. */
    static Organization newOrganization(String label) {
        User admin = newUser(label + "-admin");
        Response created = as(admin)
                .body(Map.of("name", label + " " + UUID.randomUUID().toString().substring(0, 8)))
                .post("/v1/organizations");
        created.then().statusCode(201);
        String userId = as(admin).get("/v1/members?query=" + admin.email())
                .then().statusCode(200).extract().path("items[0].user_id");
        return new Organization(created.path("id"), created.path("default_team_id"), admin.withId(userId));
    }

    /** A new user added to the organisation by its admin. */
    static User newMember(Organization organization, String label, String role) {
        User user = newUser(label);
        String userId = as(organization.admin())
                .body(Map.of("email", user.email(), "name", user.name(), "role", role))
                .post("/v1/members")
                .then().statusCode(201)
                .extract().path("user_id");
        return user.withId(userId);
    }

    record User(String email, String name, String token, String id) {
        User withId(String userId) {
            return new User(email, name, token, userId);
        }
    }

    record Organization(String id, String defaultTeamId, User admin) {
    }

    /**
     * Creates a model (Baseten's answer: 200 with {@code {"model", "deployment"}}) or a chain (Envguard's own: 201 with
     * the chain) at {@code /v1/{kind}}; returns its id.
     */
    static String created(RequestSpecification request, String kind) {
        boolean model = kind.equals("models");
        return request.post("/v1/" + kind).then().statusCode(model ? 200 : 201).extract().path(model ? "model.id" : "id");
    }

    /**
     * Pushes a deployment to the model or chain at {@code base} (200 with {@code {"model", "deployment"}} for a model,
     * 201 with the deployment for a chain); returns its id.
     */
    static String pushed(RequestSpecification request, String base) {
        boolean model = base.startsWith("/v1/models/");
        return request.post(base + "/deployments").then().statusCode(model ? 200 : 201)
                .extract().path(model ? "deployment.id" : "id");
    }
}
