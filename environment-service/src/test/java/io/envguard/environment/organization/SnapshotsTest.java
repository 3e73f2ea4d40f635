package io.envguard.environment.organization;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.envguard.environment.support.Api;
import io.envguard.environment.support.EnvguardTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tests take a snapshot every 3 events (application.properties): an organisation read back after many changes. */
@QuarkusTest
@QuarkusTestResource(EnvguardTestResources.class)
class SnapshotsTest {

    private static final String PRODUCTION = "/v1/environment_groups/production";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CommittedOrganizations committed;

    @Test
    void anOrganisationLoadedFromItsSnapshotsKeepsEveryChange() throws Exception {
        Api admin = Api.newUser("ada");
        String organizationId = admin.createOrganization("Acme");
        Api member = Api.newUser("max");
        String memberId = admin.addMember(member, "MEMBER");
        admin.request().body(Map.of("manage_access", Map.of("is_restricted", true))).patch(PRODUCTION)
                .then().statusCode(200);
        String grant = PRODUCTION + "/grants/" + memberId;
        for (int i = 0; i < 10; i++) {
            admin.request().body(Map.of()).put(grant).then().statusCode(200);
            admin.request().delete(grant).then().statusCode(200);
        }
        admin.request().body(Map.of()).put(grant).then().statusCode(200)
                .body("revision", equalTo(24));

        // Snapshots are written in the background.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (snapshots(organizationId) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(snapshots(organizationId) > 0, "a snapshot was taken");
        committed.forget(organizationId);
        admin.request().get(PRODUCTION).then().statusCode(200)
                .body("manage_access.is_restricted", equalTo(true))
                .body("manage_access.users.user_id", hasItem(memberId));
        // One more change, judged by the aggregate as loaded from its latest snapshot.
        admin.request().delete(grant).then().statusCode(200).body("revision", equalTo(25));
        admin.request().delete(grant).then().statusCode(404);
        admin.request().get(PRODUCTION).then().statusCode(200)
                .body("manage_access.users.user_id", not(hasItem(memberId)));
    }

    private long snapshots(String organizationId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = ?")) {
            query.setString(1, organizationId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
