package io.envguard.deployment.testing;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.Map;

import static io.restassured.RestAssured.given;

/** Requests as a user, and the few calls most tests start from. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification as(Fixtures.User user) {
        return given().header("Authorization", user.bearer()).contentType(ContentType.JSON);
    }

    public static String createModel(Fixtures.User user, String teamId) {
        Map<String, Object> body = teamId == null ? Map.of("name", "model") : Map.of("name", "model", "team_id", teamId);
        return as(user).body(body).post("/v1/models").then().statusCode(201).extract().path("id");
    }

    public static String pushDeployment(Fixtures.User user, String kind, String id) {
        return as(user).body(Map.of()).post("/v1/" + kind + "/" + id + "/deployments").then().statusCode(201).extract().path("id");
    }

    public static String createChain(Fixtures.User user) {
        return as(user).body(Map.of("name", "chain")).post("/v1/chains").then().statusCode(201).extract().path("id");
    }
}
