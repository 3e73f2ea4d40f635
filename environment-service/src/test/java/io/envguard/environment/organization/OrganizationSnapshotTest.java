package io.envguard.environment.organization;

import static io.envguard.environment.organization.Organizations.ADMIN;
import static io.envguard.environment.organization.Organizations.GUEST;
import static io.envguard.environment.organization.Organizations.TEAM;
import static io.envguard.environment.organization.Organizations.TEAM_MEMBER;
import static io.envguard.environment.organization.Organizations.withTeam;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.envguard.contract.event.EnvironmentEvent;
import io.envguard.contract.event.Role;
import io.envguard.environment.axon.SnapshotSerializer;
import io.envguard.contract.event.EnvironmentEvent.AccessGranted;
import io.envguard.contract.event.EnvironmentEvent.ApiKeyCreated;
import io.envguard.contract.event.EnvironmentEvent.EnvironmentGroupCreated;
import io.envguard.contract.event.EnvironmentEvent.EnvironmentGroupRestricted;
import io.envguard.contract.event.EnvironmentEvent.MemberRoleChanged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

class OrganizationSnapshotTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void aSnapshotReadsBackAsTheStateItsEventsBuilt() {
        OrganizationAggregate aggregate = new OrganizationAggregate();
        List<Object> events = new ArrayList<>(List.of(withTeam()));
        events.add(new EnvironmentGroupCreated(TEAM, "staging", false));
        events.add(new EnvironmentGroupRestricted(TEAM, "production"));
        events.add(new AccessGranted(TEAM, "production", TEAM_MEMBER, AT.plusSeconds(3600)));
        events.add(new AccessGranted(TEAM, "staging", GUEST, null));
        events.add(new MemberRoleChanged(GUEST, Role.ADMIN, Role.MEMBER));
        events.add(new ApiKeyCreated("k1234abcd", ADMIN, "ci", "PERSONAL", TEAM, "ab".repeat(32)));
        for (int i = 0; i < events.size(); i++) {
            aggregate.on((EnvironmentEvent) events.get(i), i, AT.plusSeconds(i));
        }

        Serializer serializer = SnapshotSerializer.of(new ObjectMapper().registerModule(new JavaTimeModule())
                .setPropertyNamingStrategy(PropertyNamingStrategies.LOWER_CAMEL_CASE));
        SerializedObject<byte[]> snapshot = serializer.serialize(aggregate, byte[].class);
        OrganizationAggregate read = serializer.deserialize(snapshot);

        assertNotSame(aggregate, read);
        OrganizationState expected = aggregate.state();
        OrganizationState actual = read.state();
        assertEquals(expected.organizationId(), actual.organizationId());
        assertEquals(expected.name(), actual.name());
        assertEquals(expected.defaultTeamId(), actual.defaultTeamId());
        assertEquals(expected.revision(), actual.revision());
        assertEquals(List.copyOf(expected.members()), List.copyOf(actual.members()));
        assertEquals(List.copyOf(expected.teams()), List.copyOf(actual.teams()));
        assertEquals(List.copyOf(expected.apiKeys()), List.copyOf(actual.apiKeys()));
        assertEquals(List.of("development", "production", "staging"),
                actual.team(TEAM).orElseThrow().groups().stream().map(OrganizationState.Group::environment).toList(),
                "groups stay in order of environment");
    }
}
