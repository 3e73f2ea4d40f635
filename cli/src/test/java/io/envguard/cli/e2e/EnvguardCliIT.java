package io.envguard.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.envguard.cli.e2e.Cli.Run;
import io.envguard.cli.e2e.PlatformApi.Person;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged CLI against the running platform, through the gateway ({@code bin/platform up}): an admin restricts
 * production and grants a member found by name, whose API key then promotes; another member's key is refused with
 * exit code 3 and the reason; a refused push creates nothing. The steps build on each other, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnvguardCliIT {

    private static Person admin;
    private static Person grace;
    private static Person linus;
    private static String modelId;
    private static String modelName;
    private static String firstDeployment;

    @TempDir
    Path home;

    @BeforeAll
    static void anOrganizationWithAModel() {
        admin = PlatformApi.newOrganization("Ada Admin");
        grace = PlatformApi.addMember(admin, "Grace Hopper");
        linus = PlatformApi.addMember(admin, "Linus Torvalds");
        modelName = "fraud-detector-" + PlatformApi.RUN;
        JsonNode created = admin.post("/v1/models", Map.of("name", modelName), 200);
        modelId = created.get("model").get("id").asText();
        firstDeployment = created.get("deployment").get("id").asText();
    }

    @Test
    @Order(1)
    void anAdminRestrictsProductionAndGrantsAMemberFoundByName() {
        Cli cli = Cli.withKey(home, admin.apiKey());
        Run restricted = cli.run("environments", "restrict", "production");
        assertEquals(0, restricted.exitCode(), restricted::toString);
        assertTrue(restricted.out().contains("restricted   yes"), restricted::toString);

        Run granted = cli.run("environments", "grant", "production", "Grace Hopper");
        assertEquals(0, granted.exitCode(), granted::toString);
        assertTrue(granted.out().contains("granted production to Grace Hopper <" + grace.email() + ">"), granted::toString);

        JsonNode group = cli.run("environments", "show", "production", "-o", "json").json();
        assertTrue(group.get("manage_access").get("is_restricted").asBoolean());
        assertEquals("GRANT", userIn(group, grace).get("via").asText());
        assertEquals("ORG_ADMIN", userIn(group, admin).get("via").asText());
    }

    @Test
    @Order(2)
    void theGrantedMembersApiKeyPromotes() {
        Run promoted = Cli.withKey(home, grace.apiKey())
                .run("promote", "--model", modelName, "--deployment", firstDeployment, "--environment", "production");
        assertEquals(0, promoted.exitCode(), promoted::toString);
        assertTrue(promoted.err().contains("promoting " + firstDeployment + " into production"), promoted::toString);
        assertEquals(firstDeployment, currentInProduction());
    }

    @Test
    @Order(3)
    void anotherMembersKeyIsRefusedWithItsExitCodeAndTheReason() {
        String second = admin.post("/v1/models/" + modelId + "/deployments", Map.of(), 200).get("deployment").get("id").asText();
        Run refused = Cli.withKey(home, linus.apiKey())
                .run("promote", "--model", modelName, "--deployment", second, "--environment", "production");

        assertEquals(3, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("refused: promote in environment \"production\""), refused::toString);
        assertTrue(refused.err().contains("reason: NOT_GRANTED"), refused::toString);
        assertTrue(refused.err().contains("who can grant access: Ada Admin <" + admin.email() + "> (ORG_ADMIN)"),
                refused::toString);
        assertTrue(refused.err().contains("nothing was changed"), refused::toString);
        assertEquals(firstDeployment, currentInProduction());
    }

    @Test
    @Order(4)
    void canIAnswersTheDryRunWithTheSameExitCodes() {
        Run no = Cli.withKey(home, linus.apiKey()).run("can-i", "promote", "production", "--model", modelName);
        assertEquals(3, no.exitCode(), no::toString);
        assertTrue(no.out().contains("no: you may not promote in production"), no::toString);

        JsonNode yes = Cli.withKey(home, grace.apiKey())
                .run("can-i", "promote", "production", "--model", modelName, "-o", "json").json();
        assertTrue(yes.get("allowed").asBoolean());
        assertEquals("GRANTED", yes.get("reason").asText());

        Run asked = Cli.withKey(home, admin.apiKey())
                .run("can-i", "update-autoscaling", "production", "--model", modelName, "--as", linus.email(), "-o", "json");
        assertEquals(3, asked.exitCode(), asked::toString);
        assertEquals("NOT_GRANTED", asked.json().get("reason").asText());
        assertEquals(linus.userId(), asked.json().get("user_id").asText());
    }

    @Test
    @Order(5)
    void aPushByAMemberWithoutAccessCreatesNothing() {
        Cli cli = Cli.withKey(home, linus.apiKey());
        String newModel = "never-" + PlatformApi.RUN;
        Run newOne = cli.run("push", "--model", newModel, "--environment", "production", "--promote");
        assertEquals(3, newOne.exitCode(), newOne::toString);
        assertTrue(newOne.err().contains("reason: NOT_GRANTED"), newOne::toString);
        assertFalse(names(admin.get("/v1/models")).contains(newModel), "a model was created");

        int deployments = admin.get("/v1/models/" + modelId + "/deployments").get("deployments").size();
        Run existing = cli.run("push", "--model", modelName, "--promote");
        assertEquals(3, existing.exitCode(), existing::toString);
        assertEquals(deployments, admin.get("/v1/models/" + modelId + "/deployments").get("deployments").size(),
                "a deployment was created");

        Run allowed = Cli.withKey(home, grace.apiKey()).run("push", "--model", modelName, "--promote", "-o", "json");
        assertEquals(0, allowed.exitCode(), allowed::toString);
        assertEquals(allowed.json().get("id").asText(), currentInProduction());
    }

    @Test
    @Order(6)
    void jsonOutputParsesForScripts() {
        Cli cli = Cli.withKey(home, admin.apiKey());
        JsonNode groups = cli.run("environments", "list", "-o", "json").json();
        JsonNode production = StreamSupport.stream(groups.spliterator(), false)
                .filter(g -> g.get("name").asText().equals("production")).findFirst().orElseThrow();
        assertTrue(production.get("manage_access").get("is_restricted").asBoolean());

        JsonNode found = cli.run("members", "search", "hopper", "-o", "json").json();
        assertEquals(1, found.size());
        assertEquals(grace.userId(), found.get(0).get("user_id").asText());

        JsonNode history = cli.run("environments", "history", "production", "-o", "json").json();
        List<String> types = new ArrayList<>();
        history.forEach(change -> types.add(change.get("type").asText()));
        assertTrue(types.contains("AccessGranted"), types::toString);

        JsonNode denied = cli.run("audit", "--environment", "production", "--outcome", "denied", "-o", "json").json();
        assertTrue(StreamSupport.stream(denied.spliterator(), false)
                .anyMatch(e -> e.get("actor").get("user_id").asText().equals(linus.userId())
                        && e.get("reason").asText().equals("NOT_GRANTED")), denied::toString);
    }

    @Test
    @Order(7)
    void unrestrictingAsksFirstAndWithoutATerminalWantsYes() {
        Cli cli = Cli.withKey(home, admin.apiKey());
        Run unasked = cli.run("environments", "unrestrict", "production");
        assertEquals(2, unasked.exitCode(), unasked::toString);
        assertTrue(unasked.err().contains("ends 1 grant (Grace Hopper)"), unasked::toString);
        assertTrue(unasked.err().contains("pass --yes"), unasked::toString);
        assertTrue(cli.run("environments", "show", "production", "-o", "json").json()
                .get("manage_access").get("is_restricted").asBoolean());
    }

    @Test
    void aTeamKeyIsCreatedListedWithItsTeamAndDeleted() {
        Cli cli = Cli.withKey(home, grace.apiKey());
        JsonNode created = cli.run("api-keys", "create", "--name", "ci", "--team", "default", "-o", "json").json();
        String prefix = created.get("prefix").asText();
        assertEquals("default", created.get("team_name").asText(), created::toString);
        assertTrue(created.get("api_key").asText().startsWith(prefix + "."), created::toString);

        JsonNode listed = cli.run("api-keys", "list", "-o", "json").json();
        JsonNode key = StreamSupport.stream(listed.spliterator(), false)
                .filter(k -> k.get("prefix").asText().equals(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError(prefix + " not in " + listed));
        assertEquals("default", key.get("team_name").asText());
        assertFalse(key.has("api_key"), "a listed key has no secret: " + key);

        Run deleted = cli.run("api-keys", "delete", prefix);
        assertEquals(0, deleted.exitCode(), deleted::toString);
        Run refused = Cli.withKey(home, created.get("api_key").asText()).run("whoami");
        assertEquals(5, refused.exitCode(), refused::toString);
    }

    @Test
    void aWrongApiKeyIsAnAuthenticationFailure() {
        Run run = Cli.withKey(home, "a1b2c3d4.not-a-real-secret").run("environments", "list");
        assertEquals(5, run.exitCode(), run::toString);
        assertTrue(run.err().contains("authentication failed: " + PlatformApi.URL + " did not accept the API key"),
                run::toString);
    }

    @Test
    void aStoppedPlatformIsUnavailable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Run run = Cli.in(home, Map.of("ENVGUARD_URL", "http://127.0.0.1:" + port, "ENVGUARD_API_KEY", admin.apiKey()))
                .run("environments", "restrict", "production");
        assertEquals(6, run.exitCode(), run::toString);
        assertTrue(run.err().contains("platform unavailable: cannot reach http://127.0.0.1:" + port), run::toString);
        assertTrue(run.err().contains("nothing was changed"), run::toString);
    }

    @Test
    void loginChecksTheKeyAndSavesItReadableByItsOwnerOnly() throws IOException {
        Run wrong = Cli.in(home, Map.of()).run("login", "--url", PlatformApi.URL, "--api-key", "a1b2c3d4.wrong");
        assertEquals(5, wrong.exitCode(), wrong::toString);
        Path config = home.resolve(".envguard/config.json");
        assertFalse(Files.exists(config), "a refused key was saved");

        Run login = Cli.in(home, Map.of()).run("login", "--url", PlatformApi.URL, "--api-key", grace.apiKey());
        assertEquals(0, login.exitCode(), login::toString);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));

        // Without --api-key and without a terminal, the key is read from standard input (never from an argument).
        Run piped = Cli.in(home, Map.of()).runWithInput(linus.apiKey() + "\n", "--remote", "linus", "login", "--url",
                PlatformApi.URL);
        assertEquals(0, piped.exitCode(), piped::toString);
        Run asLinus = Cli.in(home, Map.of()).run("--remote", "linus", "whoami");
        assertTrue(asLinus.out().contains("Linus Torvalds <" + linus.email() + ">"), asLinus::toString);

        Run whoami = Cli.in(home, Map.of()).run("whoami");
        assertEquals(0, whoami.exitCode(), whoami::toString);
        assertTrue(whoami.out().contains("Grace Hopper <" + grace.email() + ">"), whoami::toString);
        assertTrue(whoami.out().contains("role MEMBER"), whoami::toString);
    }

    /** Startup to the first answer, reported for the record; bounded loosely, as the machine may be busy. */
    @Test
    void aCommandAnswersWithinSeconds() {
        Cli cli = Cli.withKey(home, grace.apiKey());
        List<Duration> whoami = new ArrayList<>();
        List<Duration> version = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            version.add(cli.run("--version").took());
            Run run = cli.run("whoami");
            assertEquals(0, run.exitCode(), run::toString);
            whoami.add(run.took());
        }
        whoami.sort(null);
        version.sort(null);
        System.out.printf("envguard --version: min %d ms, median %d ms; envguard whoami (one request): min %d ms, "
                        + "median %d ms%n", version.get(0).toMillis(), version.get(2).toMillis(),
                whoami.get(0).toMillis(), whoami.get(2).toMillis());
        assertTrue(whoami.get(0).compareTo(Duration.ofSeconds(5)) < 0, whoami::toString);
    }

    private static String currentInProduction() {
        return admin.get("/v1/models/" + modelId + "/environments/production").get("current_deployment").get("id").asText();
    }

    private static JsonNode userIn(JsonNode group, Person person) {
        return StreamSupport.stream(group.get("manage_access").get("users").spliterator(), false)
                .filter(u -> u.get("user_id").asText().equals(person.userId()))
                .findFirst().orElseThrow(() -> new AssertionError(person.name() + " not in " + group));
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.get("models").forEach(item -> names.add(item.get("name").asText()));
        return names;
    }
}
