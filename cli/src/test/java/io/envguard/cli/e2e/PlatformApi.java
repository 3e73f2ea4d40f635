package io.envguard.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

/**
 * The running platform as the tests set it up and look at it, apart from the CLI: plain HTTP through the gateway,
 * people signed in through the local token issuer.
 */
final class PlatformApi {

    static final String URL = System.getProperty("envguard.gateway", "http://127.0.0.1:8080");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Names and emails unique to the run: earlier runs' people stay in the platform. */
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private PlatformApi() {
    }

    /** A person with a token and, once {@link #withApiKey}, an API key of their own. */
    record Person(String email, String name, String token, String userId, String apiKey) {

        JsonNode get(String path) {
            return send("GET", path, null, this, 200);
        }

        JsonNode post(String path, Object body, int expected) {
            return send("POST", path, body, this, expected);
        }

        Person withApiKey() {
            String key = post("/v1/api_keys", Map.of("name", "cli-e2e", "type", "PERSONAL"), 200).get("api_key").asText();
            return new Person(email, name, token, userId, key);
        }
    }

    static Person signIn(String name) {
        String email = name.toLowerCase().replace(' ', '.') + "-" + RUN + "@example.com";
        String token = send("POST", "/v1/auth/token", Map.of("email", email, "name", name), null, 200)
                .get("token").asText();
        return new Person(email, name, token, null, null);
    }

    /** A new organisation whose first admin is a new person. */
    static Person newOrganization(String adminName) {
        Person admin = signIn(adminName);
        admin.post("/v1/organizations", Map.of("name", "CLI " + RUN), 201);
        String userId = admin.get("/v1/users/me").get("user_id").asText();
        return new Person(admin.email(), admin.name(), admin.token(), userId, null).withApiKey();
    }

    static Person addMember(Person admin, String name) {
        Person person = signIn(name);
        String userId = admin.post("/v1/members", Map.of("email", person.email(), "name", name, "role", "MEMBER"), 201)
                .get("user_id").asText();
        return new Person(person.email(), name, person.token(), userId, null).withApiKey();
    }

    /**
     * Sends one request of the set-up. A 503 (authz-service not answering within its time on a busy machine) changed
     * nothing, so it is asked again, a few times.
     */
    private static JsonNode send(String method, String path, Object body, Person as, int expected) {
        for (int attempt = 1; ; attempt++) {
            try {
                return sendOnce(method, path, body, as, expected);
            } catch (Unavailable e) {
                if (attempt == 5) {
                    throw new AssertionError(e.getMessage());
                }
                pause();
            }
        }
    }

    private static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static JsonNode sendOnce(String method, String path, Object body, Person as, int expected) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(URL + path))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (as != null) {
                request.header("Authorization", "Bearer " + as.token());
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 503 && expected != 503) {
                throw new Unavailable(method + " " + path + " answered 503: " + response.body());
            }
            if (response.statusCode() != expected) {
                throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ", not "
                        + expected + ": " + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("the platform at " + URL + " did not answer: is it up (bin/platform up)?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
