package io.envguard.deployment.testing;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.Map;
import java.util.function.Supplier;

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
        return created(as(user).body(body), "models");
    }

    public static String pushDeployment(Fixtures.User user, String kind, String id) {
        return pushed(as(user).body(Map.of()), "/v1/" + kind + "/" + id);
    }

    public static String createChain(Fixtures.User user) {
        return created(as(user).body(Map.of("name", "chain")), "chains");
    }

    /**
     * Creates a model (200 with {@code {"model", "deployment"}}, Baseten's shape) or a chain (201 with the chain,
     * Envguard's own); returns its id.
     */
    public static String created(RequestSpecification request, String kind) {
        boolean model = kind.equals("models");
        return request.post("/v1/" + kind).then().statusCode(model ? 200 : 201).extract().path(model ? "model.id" : "id");
    }

    /**
     * Pushes a deployment to the model or chain at {@code base} (200 with {@code {"model", "deployment"}} for a model,
     * 201 with the deployment for a chain); returns its id.
     */
    public static String pushed(RequestSpecification request, String base) {
        boolean model = base.startsWith("/v1/models/");
        return request.post(base + "/deployments").then().statusCode(model ? 200 : 201).extract().path(model ? "deployment.id" : "id");
    }

    /**
     * A guarded call of a test's set-up, sent again while the check could not be made in time (503
     * {@code AUTHZ_UNAVAILABLE}: nothing was changed), as a client would; a slow first check on a busy machine is not
     * what such a test is about. Any other answer is returned as it is.
     */
    public static Response decided(Supplier<Response> call) {
        Response response = call.get();
        for (int attempt = 1; attempt < 5 && isUndecided(response); attempt++) {
            response = call.get();
        }
        return response;
    }

    private static boolean isUndecided(Response response) {
        return response.statusCode() == 503 && "AUTHZ_UNAVAILABLE".equals(response.path("code"));
    }

    /** The id of the deployment a push answered with, for either kind. */
    public static String pushedId(io.restassured.response.Response response) {
        String id = response.path("deployment.id");
        return id != null ? id : response.path("id");
    }
}
