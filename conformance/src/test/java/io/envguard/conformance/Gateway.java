package io.envguard.conformance;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * The platform as a Baseten client meets it: plain HTTP through the gateway of a running platform
 * ({@code bin/platform up}), and the setup the spec has no operation for (people, organisations, members, teams).
 */
final class Gateway {

    static final String URL = System.getProperty("envguard.gateway", "http://127.0.0.1:8080");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Gateway() {
    }

    record User(String email, String name, String token, String id) {

        User withId(String userId) {
            return new User(email, name, token, userId);
        }
    }

    record Organization(String id, String defaultTeamId, User admin) {
    }

    /** A response: its status and body, the body read as JSON where it is JSON. */
    record Reply(int status, String body) {

        JsonNode json() {
            try {
                return Spec.JSON.readTree(body);
            } catch (JacksonException e) {
                return null;
            }
        }

        /** The body for a message, cut short. */
        String excerpt() {
            return body.length() > 400 ? body.substring(0, 400) + "…" : body;
        }

        @Override
        public String toString() {
            return status + " " + excerpt();
        }
    }

    /** Sends a request as {@code user} ({@code Authorization: Bearer}), or without credentials when null. */
    static Reply send(String method, String path, User user, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(URL + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .method(method.toUpperCase(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", "Bearer " + user.token());
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " did not reach the gateway at " + URL, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Reply send(String method, String path, User user, Object body) {
        return send(method, path, user, body == null ? null : Spec.JSON.writeValueAsString(body));
    }

    /** A successful reply, or the failure of a setup step, with what the gateway answered. */
    static Reply expectSuccess(String step, Reply reply) {
        if (reply.status() / 100 != 2) {
            throw new AssertionError("setup: " + step + " answered " + reply);
        }
        return reply;
    }

    /** Signs in a new person through the local token issuer. */
    static User newUser(String label) {
        String email = label + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Reply token = expectSuccess("POST /v1/auth/token",
                send("POST", "/v1/auth/token", null, Map.of("email", email, "name", label)));
        return new User(email, label, token.json().path("token").asString(), null);
    }

    /** A new user who creates an organisation and so becomes its first admin. */
    static Organization newOrganization(String label) {
        User admin = newUser(label + "-admin");
        JsonNode created = expectSuccess("POST /v1/organizations", send("POST", "/v1/organizations", admin,
                Map.of("name", label + " " + UUID.randomUUID().toString().substring(0, 8)))).json();
        return new Organization(created.path("id").asString(), created.path("default_team_id").asString(),
                admin.withId(userId(admin, admin)));
    }

    /** A new user added to the organisation by its admin. */
    static User newMember(Organization organization, String label, String role) {
        User user = newUser(label);
        JsonNode member = expectSuccess("POST /v1/members", send("POST", "/v1/members", organization.admin(),
                Map.of("email", user.email(), "name", user.name(), "role", role))).json();
        return user.withId(member.path("user_id").asString());
    }

    /** A new team of the organisation (org admins create teams), with these members in it. */
    static String newTeam(Organization organization, String label, User... members) {
        String teamId = expectSuccess("POST /v1/teams", send("POST", "/v1/teams", organization.admin(),
                Map.of("name", label + "-" + UUID.randomUUID().toString().substring(0, 8)))).json().path("id").asString();
        for (User member : members) {
            expectSuccess("POST /v1/teams/{team_id}/members", send("POST", "/v1/teams/" + teamId + "/members",
                    organization.admin(), Map.of("user_id", member.id(), "role", "MEMBER")));
        }
        return teamId;
    }

    private static String userId(User asker, User about) {
        JsonNode found = expectSuccess("GET /v1/members", send("GET", "/v1/members?query=" + about.email(), asker,
                (String) null)).json();
        return found.path("items").path(0).path("user_id").asString();
    }
}
