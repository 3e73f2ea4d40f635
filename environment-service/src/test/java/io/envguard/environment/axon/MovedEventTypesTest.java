package io.envguard.environment.axon;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.envguard.contract.event.OrganizationEvent;
import io.envguard.environment.organization.OrganizationReader;
import io.envguard.environment.support.Api;
import io.envguard.environment.support.EnvguardTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;

/** Events stored under the names their records had before they moved to envguard-contract are still read. */
@QuarkusTest
@QuarkusTestResource(EnvguardTestResources.class)
class MovedEventTypesTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OrganizationReader organizations;

    @Test
    void anOrganisationStoredUnderTheOldEventNamesIsReadAndTakesCommands() throws SQLException {
        Api admin = Api.newUser("ada");
        String organizationId = admin.createOrganization("Acme");
        String memberId = admin.addMember(Api.newUser("max"), "MEMBER");
        assertEquals(2, storeUnderOldNames(organizationId), "the organisation's events, renamed as they were stored");

        List<DomainEventMessage<?>> events = new ArrayList<>();
        organizations.replay(organizationId, events::add);
        assertEquals(List.of(OrganizationEvent.OrganizationCreated.class, OrganizationEvent.MemberAdded.class),
                events.stream().map(DomainEventMessage::getPayloadType).toList());
        assertEquals(memberId, ((OrganizationEvent.MemberAdded) events.get(1).getPayload()).userId());
        assertTrue(organizations.current(organizationId).member(memberId).isPresent());
        // The aggregate is loaded from the renamed events to judge the next command.
        admin.request().body("{\"role\":\"ADMIN\"}").patch("/v1/members/" + memberId)
                .then().statusCode(200).body("revision", equalTo(3));
    }

    /** Gives the organisation's stored events their old names and drops its snapshots; returns the events renamed. */
    private int storeUnderOldNames(String organizationId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement rename = connection.prepareStatement(
                     "UPDATE domainevententry SET payloadtype = replace(payloadtype, ?, ?) WHERE aggregateidentifier = ?");
             PreparedStatement snapshots = connection.prepareStatement(
                     "DELETE FROM snapshotevententry WHERE aggregateidentifier = ?")) {
            rename.setString(1, OrganizationEvent.class.getName() + "$");
            rename.setString(2, MovedEventTypes.OLD_PREFIX);
            rename.setString(3, organizationId);
            snapshots.setString(1, organizationId);
            snapshots.executeUpdate();
            return rename.executeUpdate();
        }
    }
}
