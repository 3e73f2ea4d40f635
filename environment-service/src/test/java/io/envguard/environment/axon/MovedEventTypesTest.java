package io.envguard.environment.axon;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.envguard.contract.event.EnvironmentEvent;
import io.envguard.environment.organization.CommittedOrganizations;
import io.envguard.environment.organization.OrganizationReader;
import io.envguard.environment.support.Api;
import io.envguard.environment.support.EnvguardTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Events stored under the names their records had before (in environment-service, then as {@code OrganizationEvent}
 * in envguard-contract) are still read, and so is a snapshot taken before.
 */
@QuarkusTest
@QuarkusTestResource(EnvguardTestResources.class)
class MovedEventTypesTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OrganizationReader organizations;

    @Inject
    CommittedOrganizations committed;

    @ParameterizedTest
    @ValueSource(strings = {MovedEventTypes.IN_ENVIRONMENT_SERVICE, MovedEventTypes.AS_ORGANIZATION_EVENT})
    void anOrganisationStoredUnderAnOldEventNameIsReadAndTakesCommands(String oldPrefix) throws SQLException {
        Api admin = Api.newUser("ada");
        String organizationId = admin.createOrganization("Acme");
        String memberId = admin.addMember(Api.newUser("max"), "MEMBER");
        dropSnapshots(organizationId);
        assertEquals(2, storeUnder(oldPrefix, organizationId), "the organisation's events, renamed as they were stored");
        committed.forget(organizationId);

        List<DomainEventMessage<?>> events = new ArrayList<>();
        organizations.replay(organizationId, events::add);
        assertEquals(List.of(EnvironmentEvent.OrganizationCreated.class, EnvironmentEvent.MemberAdded.class),
                events.stream().map(DomainEventMessage::getPayloadType).toList());
        assertEquals(memberId, ((EnvironmentEvent.MemberAdded) events.get(1).getPayload()).userId());
        assertTrue(organizations.current(organizationId).member(memberId).isPresent());
        // The aggregate is loaded from the renamed events to judge the next command.
        admin.request().body("{\"role\":\"ADMIN\"}").patch("/v1/members/" + memberId)
                .then().statusCode(200).body("revision", equalTo(3));
    }

    /**
     * A snapshot holds the aggregate's state, which names no event class, so the one taken before the rename loads
     * as it is, and the renamed events after it are read on top of it. (The tests take a snapshot every 3 events.)
     */
    @Test
    void anOrganisationWithASnapshotTakenBeforeTheRenameLoadsFromItAndTheRenamedEventsAfterIt() throws SQLException {
        Api admin = Api.newUser("ada");
        String organizationId = admin.createOrganization("Acme");
        List<String> memberIds = new ArrayList<>();
        for (String name : List.of("max", "eve", "bob", "kim")) {
            memberIds.add(admin.addMember(Api.newUser(name), "MEMBER"));
        }
        // Events 0 to 4: the snapshot is taken at event 2, in the background.
        Snapshot snapshot = latestSnapshot(organizationId);
        assertTrue(snapshot.sequenceNumber() < 4, "events were stored after the latest snapshot: " + snapshot);
        assertFalse(snapshot.payload().contains("io.envguard"), "a snapshot names no class: " + snapshot.payload());
        assertEquals(5, storeUnder(MovedEventTypes.AS_ORGANIZATION_EVENT, organizationId));
        committed.forget(organizationId);

        // Judged by the aggregate as loaded from that snapshot and the renamed events after it.
        String last = memberIds.get(memberIds.size() - 1);
        admin.request().body("{\"role\":\"ADMIN\"}").patch("/v1/members/" + last)
                .then().statusCode(200).body("revision", equalTo(6));
        assertTrue(organizations.current(organizationId).member(memberIds.get(0)).isPresent());
    }

    private record Snapshot(long sequenceNumber, String payload) {
    }

    /** The latest snapshot, once the background writer has stored one (within 10 s). */
    private Snapshot latestSnapshot(String organizationId) throws SQLException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        Snapshot snapshot = storedSnapshot(organizationId);
        while (snapshot == null && System.nanoTime() < deadline) {
            sleep();
            snapshot = storedSnapshot(organizationId);
        }
        assertTrue(snapshot != null, "a snapshot was taken");
        return snapshot;
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Snapshot storedSnapshot(String organizationId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT sequencenumber, payload FROM snapshotevententry WHERE aggregateidentifier = ?"
                             + " ORDER BY sequencenumber DESC LIMIT 1")) {
            query.setString(1, organizationId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next()
                        ? new Snapshot(rows.getLong(1), new String(rows.getBytes(2), StandardCharsets.UTF_8)) : null;
            }
        }
    }

    /** Gives the organisation's stored events the names of {@code oldPrefix}; returns the events renamed. */
    private int storeUnder(String oldPrefix, String organizationId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement rename = connection.prepareStatement(
                     "UPDATE domainevententry SET payloadtype = replace(payloadtype, ?, ?) WHERE aggregateidentifier = ?")) {
            rename.setString(1, EnvironmentEvent.class.getName() + "$");
            rename.setString(2, oldPrefix);
            rename.setString(3, organizationId);
            return rename.executeUpdate();
        }
    }

    private void dropSnapshots(String organizationId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement snapshots = connection.prepareStatement(
                     "DELETE FROM snapshotevententry WHERE aggregateidentifier = ?")) {
            snapshots.setString(1, organizationId);
            snapshots.executeUpdate();
        }
    }
}
