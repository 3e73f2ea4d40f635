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
