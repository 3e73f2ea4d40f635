package io.envguard.authz.projection;

import static io.envguard.authz.support.Platform.bearer;
import static io.envguard.authz.support.Platform.operatorJwt;
import static io.envguard.authz.support.Platform.operatorToken;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.envguard.authz.support.AuthzTestResources;
import io.envguard.authz.support.History;
import io.envguard.authz.support.Platform;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/** Rebuilding the access table from the topic gives the table the live projection built, and checks never stop. */
@QuarkusTest
@WithTestResource(value = AuthzTestResources.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AccessTableRebuildTest {

    private static final Logger LOG = Logger.getLogger(AccessTableRebuildTest.class);
    private static final List<String> TABLES = List.of("organization_position", "held_event", "member", "team",
            "team_member", "environment_group", "access_grant", "api_key");
    /** Columns that say when or in which order a row was written, not what the access table knows. */
    private static final Set<String> INCIDENTAL = Set.of("id", "updated_at", "received_at");

    @Inject
    Platform platform;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theRebuiltTableEqualsTheIncrementalOneWhileChecksKeepAnswering() throws Exception {
        String id = UUID.randomUUID().toString();
        History org = new History("org-rebuild-" + id);
        String admin = "admin-" + id + "@example.com";
        String member = "member-" + id + "@example.com";
        platform.appendAndAwait(org,
                org.organizationCreated("u-admin-" + id, admin),
                org.memberAdded("u-member-" + id, member, "MEMBER"),
                org.restricted(org.defaultTeamId(), "production"),
                org.granted(org.defaultTeamId(), "production", "u-member-" + id, null));
        everyKindOfEvent(id);
        // The history published before startup is compared too: the incremental table must hold all of it.
        platform.awaitRevision(AuthzTestResources.HISTORY_ORGANIZATION, AuthzTestResources.HISTORY_EVENTS);
        Map<String, List<String>> incremental = dump();

        given().header("Authorization", operatorToken()).post("/internal/v1/access-table/rebuild")
                .then().statusCode(202).body("state", equalTo("RUNNING"));

        int checksDuringRebuild = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String state = "RUNNING";
        while (state.equals("RUNNING") && System.nanoTime() < deadline) {
            platform.promote(member, org, org.defaultTeamId(), "production").statusCode(200)
                    .body("reason", equalTo("GRANTED"));
            checksDuringRebuild++;
            state = given().header("Authorization", bearer(operatorJwt("ops@example.com")))
                    .get("/internal/v1/access-table/rebuild")
                    .then().statusCode(200).extract().path("state");
        }
        var status = given().header("Authorization", operatorToken()).get("/internal/v1/access-table/rebuild")
                .then().statusCode(200).body("state", equalTo("DONE")).extract().jsonPath();
        LOG.infof("rebuild: %d events at %.0f events/s; %d checks answered meanwhile",
                status.getLong("events"), status.getDouble("events_per_second"), checksDuringRebuild);
        assertTrue(status.getLong("events") >= AuthzTestResources.HISTORY_EVENTS);

        assertEquals(incremental, dump());

        // The live projection goes on, on the swapped-in tables.
        platform.appendAndAwait(org, org.revoked(org.defaultTeamId(), "production", "u-member-" + id));
        platform.promote(member, org, org.defaultTeamId(), "production").statusCode(200)
                .body("reason", equalTo("NOT_GRANTED"));
    }

    /**
     * Every event type, a redelivered event, a type nobody knows and a gap that has not closed, so that the rebuild's
     * fold ({@link AccessTableFold}) is held to every rule of the live projection.
     */
    private void everyKindOfEvent(String id) throws Exception {
        History gap = new History("org-gap-" + id);
        String created = gap.organizationCreated("u-gap-" + id, "gap-" + id + "@example.com");
        gap.memberAdded("u-gap-missing-" + id, "missing-" + id + "@example.com", "MEMBER");
        platform.publish(gap, created, gap.memberAdded("u-gap-held-" + id, "held-" + id + "@example.com", "MEMBER"));

        History all = new History("org-all-" + id);
        String team = "team-" + id;
        String ann = "u-ann-" + id;
        String bob = "u-bob-" + id;
        String cid = "u-cid-" + id;
        List<String> events = new ArrayList<>(List.of(
                all.organizationCreated("u-all-admin-" + id, "All-Admin-" + id + "@Example.com"),
                all.memberAdded(ann, "ann-" + id + "@example.com", "MEMBER"),
                all.memberAdded(bob, "bob-" + id + "@example.com", "ADMIN"),
                all.memberAdded(cid, "cid-" + id + "@example.com", "MEMBER"),
                all.memberRoleChanged(bob, "MEMBER", "ADMIN"),
                all.memberRoleChanged(cid, "ADMIN", "MEMBER"),
                all.teamCreated(team),
                all.teamMemberAdded(team, ann, "ADMIN"),
                all.teamMemberAdded(team, bob, "MEMBER"),
                all.teamMemberAdded(team, cid, "MEMBER"),
                all.groupCreated(team, "staging", true),
                all.groupCreated(all.defaultTeamId(), "qa", false),
                all.restricted(all.defaultTeamId(), "production")));
        String granted = all.granted(all.defaultTeamId(), "production", ann, null);
        events.add(granted);
        events.addAll(List.of(
                all.granted(team, "staging", bob, Instant.parse("2031-01-01T00:00:00Z")),
                // Finer than PostgreSQL's microseconds: stored alike whether written live or copied.
                all.granted(team, "staging", ann, Instant.parse("2031-06-01T00:00:00.000000999Z")),
                all.granted(team, "staging", cid, Instant.parse("2030-01-01T00:00:00Z")),
                // Nanoseconds beyond the microseconds PostgreSQL keeps: both tables must cut them alike.
                all.grantExpired(team, "staging", cid, Instant.parse("2030-01-01T00:00:00.123456789Z")),
                all.granted(all.defaultTeamId(), "production", bob, null),
                all.revoked(all.defaultTeamId(), "production", bob),
                all.teamMemberRemoved(team, bob),
                all.restricted(all.defaultTeamId(), "qa"),
                all.granted(all.defaultTeamId(), "qa", cid, null),
                all.unrestricted(all.defaultTeamId(), "qa"),
                all.apiKeyCreated("pfx" + id.substring(0, 8), ann, "AB".repeat(32)),
                all.apiKeyCreated("pfy" + id.substring(0, 8), cid, "cd".repeat(32)),
                all.apiKeyCreated("pfz" + id.substring(0, 8), bob, "ef".repeat(32)),
                all.apiKeyDeleted("pfy" + id.substring(0, 8), cid),
                all.memberRemoved(bob),
                all.somethingNew()));
        events.forEach(all::add);
        platform.publish(all, events.toArray(String[]::new));
        platform.awaitRevision(all, all.revision());
        // redelivered: a duplicate the rebuild must skip as the live projection did
        platform.publish(all, granted);
        platform.appendAndAwait(all, all.memberAdded("u-dee-" + id, "dee-" + id + "@example.com", "MEMBER"));

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (count("SELECT count(*) FROM held_event WHERE organization_id = '" + gap.organizationId() + "'") == 0) {
            assertTrue(System.nanoTime() < deadline, "the event beyond the gap is held");
            Thread.sleep(100);
        }
    }

    private long count(String query) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }

    private Map<String, List<String>> dump() throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                List<String> rows = new ArrayList<>();
                try (ResultSet r = s.executeQuery("SELECT * FROM public." + table)) {
                    while (r.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                            String column = r.getMetaData().getColumnName(i);
                            if (!INCIDENTAL.contains(column)) {
                                row.append(column).append('=').append(r.getString(i)).append(' ');
                            }
                        }
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                tables.put(table, rows);
            }
        }
        return tables;
    }
}
