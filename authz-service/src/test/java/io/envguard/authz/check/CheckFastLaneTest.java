package io.envguard.authz.check;

import static io.envguard.authz.support.Platform.bearer;
import static io.envguard.authz.support.Platform.jwt;
import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envguard.authz.support.AuthzTestResources;
import io.envguard.authz.support.History;
import io.envguard.authz.support.Platform;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link CheckFastLane} answers exactly what {@link InternalCheckResource} answers. Each of a seeded random sequence of
 * requests (callers of two organisations by JWT and by API key, deleted and wrong keys, outsiders, unknown
 * organisations and teams, every action and some that are not, revisions reached and not, bodies that are missing,
 * malformed or of the wrong shape) is sent twice: as the lane takes it, and with an {@code Accept} header the lane
 * leaves to the resource. Status and body must be the same, and the lane's counter must move only for the first of the
 * two, only for answers of 200, and for most of those.
 */
@QuarkusTest
@WithTestResource(value = AuthzTestResources.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CheckFastLaneTest {

    private static final long SEED = Long.getLong("envguard.test.seed", 20261129L);
    private static final String RESOURCE_ONLY_ACCEPT = "application/json, text/plain;q=0.5";
    private static final String[] ACTIONS = {"PROMOTE", "MANAGE_ENVIRONMENT", "UPDATE_AUTOSCALING",
        "UPDATE_DEPLOYMENT"};
    private static final String[] NOT_ACTIONS = {"promote", "DELETE", ""};
    private static final String[] ENVIRONMENTS = {"production", "staging", "development", "production", "staging",
        ""};

    @Inject
    Platform platform;

    @Inject
    MeterRegistry registry;

    private final List<History> orgs = new ArrayList<>();
    private final List<String> teams = new ArrayList<>();
    /** Authorization headers: JWTs, API keys in both schemes, and credentials refused. */
    private final List<String> credentials = new ArrayList<>();

    @BeforeEach
    void twoOrganisationsWithRestrictedEnvironmentsGrantsAndAdmins() {
        for (int o = 0; o < 2; o++) {
            String id = UUID.randomUUID().toString();
            History org = new History("org-" + id);
            String team = "team-" + id;
            platform.appendAndAwait(org,
                    org.organizationCreated("u-admin-" + id, "admin-" + id + "@example.com"),
                    org.memberAdded("u-granted-" + id, "granted-" + id + "@example.com", "MEMBER"),
                    org.memberAdded("u-expiring-" + id, "expiring-" + id + "@example.com", "MEMBER"),
                    org.memberAdded("u-other-" + id, "other-" + id + "@example.com", "MEMBER"),
                    org.teamCreated(team),
                    org.teamMemberAdded(team, "u-other-" + id, "MEMBER"),
                    org.groupCreated(org.defaultTeamId(), "production", true),
                    org.groupCreated(team, "staging", true),
                    org.granted(org.defaultTeamId(), "production", "u-granted-" + id, null),
                    org.granted(team, "staging", "u-expiring-" + id, Instant.now().plus(1, ChronoUnit.HOURS)),
                    org.granted(org.defaultTeamId(), "production", "u-expiring-" + id,
                            Instant.now().minus(1, ChronoUnit.MINUTES)));
            orgs.add(org);
            teams.add(org.defaultTeamId());
            teams.add(team);
            for (String who : new String[] {"admin", "granted", "expiring", "other"}) {
                credentials.add(bearer(jwt(who + "-" + id + "@example.com")));
            }
            String granted = "kg" + id.substring(0, 8) + ".secret-of-granted";
            String other = "ko" + id.substring(0, 8) + ".secret-of-other";
            String deleted = "kd" + id.substring(0, 8) + ".secret-of-deleted";
            platform.appendAndAwait(org,
                    org.apiKeyCreated(prefix(granted), "u-granted-" + id, sha256Hex(granted)),
                    org.apiKeyCreated(prefix(other), "u-other-" + id, sha256Hex(other)),
                    org.apiKeyCreated(prefix(deleted), "u-admin-" + id, sha256Hex(deleted)),
                    org.apiKeyDeleted(prefix(deleted), "u-admin-" + id));
            credentials.add("Api-Key " + granted);
            credentials.add(bearer(other));
            credentials.add("Api-Key " + deleted);
            credentials.add("Api-Key " + prefix(granted) + ".not-its-secret");
        }
        credentials.add(bearer(jwt("outsider-" + UUID.randomUUID() + "@example.com")));
        credentials.add(bearer(jwt("not an email")));
        credentials.add("Api-Key no-dot");
        credentials.add(Platform.operatorToken());
        for (String credential : credentials) {
            // Verified or read once by the resource: from now on the lane may answer for it.
            given().header("Authorization", credential).contentType("application/json").body("{}")
                    .post(CheckFastLane.PATH);
        }
    }

    @Test
    void theLaneAnswersAsTheResourceDoesForASeededRandomSequence() {
        Random random = new Random(SEED);
        int answeredByLane = 0;
        int answeredForKeys = 0;
        int ok = 0;
        for (int i = 0; i < 700; i++) {
            String credential = credentials.get(random.nextInt(credentials.size()));
            String body = body(random);
            String what = "request " + i + " (seed " + SEED + "): " + body;

            double before = laneAnswers();
            Response viaLane = send(given(), credential, body);
            double laneDelta = laneAnswers() - before;
            Response viaResource = send(given().accept(RESOURCE_ONLY_ACCEPT), credential, body);
            assertEquals(0, laneAnswers() - before - laneDelta, "the lane answered a request it must leave: " + what);

            assertEquals(viaResource.statusCode(), viaLane.statusCode(), what);
            assertEquals(viaResource.asString(), viaLane.asString(), what);
            assertTrue(laneDelta == 0 || viaLane.statusCode() == 200, "the lane answered " + viaLane.statusCode());
            if (viaLane.statusCode() == 200) {
                assertEquals("application/json;charset=UTF-8", viaLane.contentType(), what);
                ok++;
            }
            answeredByLane += (int) laneDelta;
            if (credential.chars().filter(c -> c == '.').count() == 1) { // an API key; a JWT has two dots
                answeredForKeys += (int) laneDelta;
            }
        }
        assertTrue(ok >= 100, "too few checks answered 200 to compare: " + ok);
        assertTrue(answeredByLane >= ok * 3 / 4, "the lane answered " + answeredByLane + " of " + ok);
        assertTrue(answeredForKeys > 0, "the lane answered no caller with an API key");
    }

    @Test
    void aCredentialNotVerifiedYetAnOperatorTokenAndNoCredentialAreLeftToTheResource() {
        History org = orgs.get(0);
        String body = "{\"organization_id\":\"" + org.organizationId() + "\",\"team_id\":\"" + org.defaultTeamId()
                + "\",\"environment\":\"production\",\"action\":\"PROMOTE\"}";
        double before = laneAnswers();
        send(given(), bearer(jwt("fresh-" + UUID.randomUUID() + "@example.com")), body).then().statusCode(200);
        given().header("Authorization", Platform.operatorToken()).contentType("application/json").body(body)
                .post(CheckFastLane.PATH).then().statusCode(401);
        given().contentType("application/json").body(body).post(CheckFastLane.PATH).then().statusCode(401);
        given().header("Authorization", credentials.get(0) + "x").contentType("application/json").body(body)
                .post(CheckFastLane.PATH).then().statusCode(401);
        assertEquals(0, laneAnswers() - before);
    }

    @Test
    void unusualRequestsAreAnsweredAsTheResourceAnswersThem() {
        History org = orgs.get(0);
        String check = "{\"organization_id\":\"" + org.organizationId() + "\",\"team_id\":\"" + org.defaultTeamId()
                + "\",\"environment\":\"production\",\"action\":\"PROMOTE\"";
        String credential = credentials.get(0);
        String oversized = check + ",\"padding\":\"" + "x".repeat(70 * 1024) + "\"}";
        for (String path : new String[] {CheckFastLane.PATH, CheckFastLane.PATH + "/", CheckFastLane.PATH + "?x=1"}) {
            for (String body : new String[] {check + "}", oversized}) {
                Response viaLane = given().header("Authorization", credential).contentType("application/json")
                        .body(body).post(path);
                Response viaResource = given().header("Authorization", credential).contentType("application/json")
                        .accept(RESOURCE_ONLY_ACCEPT).body(body).post(path);
                String what = path + " with " + body.length() + " bytes";
                assertEquals(viaResource.statusCode(), viaLane.statusCode(), what);
                assertEquals(viaResource.asString(), viaLane.asString(), what);
            }
        }
        double before = laneAnswers();
        given().header("Authorization", credential).contentType("text/plain").body(check + "}")
                .post(CheckFastLane.PATH).then().statusCode(415);
        given().header("Authorization", credential).contentType("application/json").body(oversized)
                .post(CheckFastLane.PATH).then().statusCode(413);
        assertEquals(0, laneAnswers() - before);
    }

    private String body(Random random) {
        switch (random.nextInt(20)) {
            case 0:
                return "";
            case 1:
                return "{\"organization_id\": ";
            case 2:
                return "null";
            case 3:
                return "[1, 2]";
            default:
                break;
        }
        History org = random.nextInt(10) == 0 ? new History("org-unknown-" + random.nextInt(1000))
                : orgs.get(random.nextInt(orgs.size()));
        StringBuilder json = new StringBuilder("{");
        field(json, random, "organization_id", org.organizationId());
        field(json, random, "team_id", random.nextInt(10) == 0 ? "team-unknown" : teams.get(random.nextInt(teams.size())));
        field(json, random, "environment", ENVIRONMENTS[random.nextInt(ENVIRONMENTS.length)]);
        field(json, random, "action", random.nextInt(6) == 0 ? NOT_ACTIONS[random.nextInt(NOT_ACTIONS.length)]
                : ACTIONS[random.nextInt(ACTIONS.length)]);
        switch (random.nextInt(12)) {
            case 0 -> json.append("\"min_revision\": -1, ");
            case 1 -> json.append("\"min_revision\": \"abc\", ");
            case 2 -> json.append("\"min_revision\": ").append(org.revision()).append(", ");
            case 3 -> json.append("\"min_revision\": 0, ");
            case 4 -> json.append("\"extra\": {\"nested\": true}, ");
            default -> {
            }
        }
        if (random.nextInt(200) == 0) {
            // Beyond what was projected: the resource waits its bound and fails closed.
            json.append("\"min_revision\": ").append(org.revision() + 100).append(", ");
        }
        json.append("\"trailing\": 1}");
        return json.toString();
    }

    private static void field(StringBuilder json, Random random, String name, String value) {
        switch (random.nextInt(25)) {
            case 0 -> {
                // missing
            }
            case 1 -> json.append('"').append(name).append("\": null, ");
            case 2 -> json.append('"').append(name).append("\": 7, ");
            default -> json.append('"').append(name).append("\": \"").append(value).append("\", ");
        }
    }

    private static String prefix(String key) {
        return key.substring(0, key.indexOf('.'));
    }

    private static String sha256Hex(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response send(RequestSpecification request, String authorization, String body) {
        return request.header("Authorization", authorization).contentType("application/json").body(body)
                .post(CheckFastLane.PATH);
    }

    private double laneAnswers() {
        return registry.counter("envguard.check.fast.lane").count();
    }
}
