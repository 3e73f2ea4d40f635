package io.envguard.environment.organization;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.envguard.contract.event.EnvironmentEvent;
import io.envguard.contract.event.EnvironmentEvent.AccessGranted;
import io.envguard.contract.event.EnvironmentEvent.MemberAdded;
import io.envguard.contract.event.Role;
import io.envguard.environment.axon.AxonRuntime;
import io.envguard.environment.organization.CommittedOrganizations.Committed;
import io.envguard.environment.support.Api;
import io.envguard.environment.support.EnvguardTestResources;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/**
 * The organisations kept in memory against a second writer of the same store: another instance of the service, played
 * by Axon's storage engine appending events straight to the event store, which this instance hears nothing about.
 */
@QuarkusTest
@QuarkusTestResource(EnvguardTestResources.class)
class CommittedOrganizationsTest {

    private static final String PRODUCTION = "/v1/environment_groups/production";

    @Inject
    RunningAxon axon;

    @Inject
    OrganizationSnapshots snapshots;

    @Inject
    OrganizationReader reader;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper objectMapper;

    @Test
    void aCommandAndAReadAfterAnotherInstanceWroteSeeItsChange() {
        Api admin = Api.newUser("ada");
        String organizationId = admin.createOrganization("Acme");
        admin.request().body(Map.of("manage_access", Map.of("is_restricted", true))).patch(PRODUCTION)
                .then().statusCode(200);
        assertEquals(1, reader.current(organizationId).members().size(), "the organisation is in memory");

        String zed = UUID.randomUUID().toString();
        long stored = new OtherInstance().append(organizationId,
                new MemberAdded(zed, "zed-" + zed.substring(0, 8) + "@example.com", "zed", Role.MEMBER));

        // judged on the organisation in memory, the grant would be refused: zed would not be a member
        admin.request().body(Map.of()).put(PRODUCTION + "/grants/" + zed)
                .then().statusCode(200).body("revision", equalTo((int) stored + 2));
        admin.request().get("/v1/members/" + zed).then().statusCode(200).body("name", equalTo("zed"));
    }

    @Test
    void noChangeIsLostWhenTwoInstancesWriteAtOnce() throws Exception {
        Api admin = Api.newUser("ada");
        String organizationId = admin.createOrganization("Acme");
        admin.request().body(Map.of("manage_access", Map.of("is_restricted", true))).patch(PRODUCTION)
                .then().statusCode(200);
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            members.add(admin.addMember(Api.newUser("m" + i), "MEMBER"));
        }
        String team = reader.current(organizationId).defaultTeamId();
        OtherInstance other = new OtherInstance();

        ExecutorService threads = Executors.newFixedThreadPool(6);
        List<Future<?>> writes = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            String member = members.get(i);
            writes.add(i % 2 == 0
                    ? threads.submit(() -> admin.request().body(Map.of()).put(PRODUCTION + "/grants/" + member)
                            .then().statusCode(200))
                    : threads.submit(() -> other.append(organizationId,
                            new AccessGranted(team, "production", member, null))));
        }
        for (Future<?> write : writes) {
            write.get();
        }
        threads.shutdown();

        OrganizationState replayed = new OrganizationState();
        reader.replay(organizationId, event ->
                replayed.apply((EnvironmentEvent) event.getPayload(), event.getSequenceNumber() + 1, event.getTimestamp()));
        assertEquals(new TreeSet<>(members), grantees(replayed), "every grant is stored");
        OrganizationState served = reader.current(organizationId);
        assertEquals(replayed.revision(), served.revision());
        assertEquals(grantees(replayed), grantees(served), "the organisation in memory is the stored one");
    }

    @Test
    void noMoreOrganisationsAreKeptThanTheBound() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CommittedOrganizations bounded = new CommittedOrganizations(axon, snapshots, registry, 2);
        List<String> organizations = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            organizations.add(Api.newUser("ada").createOrganization("Acme " + i));
        }
        for (int round = 0; round < 2; round++) {
            for (String organizationId : organizations) {
                assertEquals(organizationId, bounded.current(organizationId).orElseThrow().state().organizationId());
                assertTrue(bounded.size() <= 2, "at most 2 organisations kept, not " + bounded.size());
            }
        }
        double loads = registry.get("envguard.organization.cache").tag("result", "loaded").counter().count();
        assertTrue(loads > 4, "organisations evicted were loaded again: " + loads + " loads");
    }

    @Test
    void aSnapshotWrittenInTheBackgroundLoadsAsTheOrganisationInMemory() throws Exception {
        Api admin = Api.newUser("ada");
        String organizationId = admin.createOrganization("Acme");
        String member = admin.addMember(Api.newUser("max"), "MEMBER");
        admin.request().body(Map.of("manage_access", Map.of("is_restricted", true))).patch(PRODUCTION)
                .then().statusCode(200);
        for (int i = 0; i < 4; i++) {
            admin.request().body(Map.of()).put(PRODUCTION + "/grants/" + member).then().statusCode(200);
            admin.request().delete(PRODUCTION + "/grants/" + member).then().statusCode(200);
        }
        long last = reader.current(organizationId).revision() - 1;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (latestSnapshot(organizationId) < last - 3 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        long snapshot = latestSnapshot(organizationId);
        assertTrue(snapshot >= last - 3, "a snapshot within 3 events of sequence " + last + ", not " + snapshot);

        // an instance that has not kept the organisation loads it from that snapshot
        Committed loaded = new CommittedOrganizations(axon, snapshots, new SimpleMeterRegistry(), 10)
                .current(organizationId).orElseThrow();
        assertEquals(snapshot, loaded.snapshotSequence());
        OrganizationState served = reader.current(organizationId);
        assertEquals(served.revision(), loaded.state().revision());
        assertEquals(List.copyOf(served.members()), List.copyOf(loaded.state().members()));
        assertEquals(List.copyOf(served.teams()), List.copyOf(loaded.state().teams()));
    }

    @Test
    void theWarmUpLoadsTheOrganisationsWithTheMostEventsAndTheyAreNeverServedStale() {
        List<String> largest = new ArrayList<>();
        OtherInstance other = new OtherInstance();
        for (int extra : new int[]{700, 600, 500}) {
            String organizationId = Api.newUser("ada").createOrganization("Acme " + extra);
            other.appendMembers(organizationId, extra);
            largest.add(organizationId);
        }
        String small = Api.newUser("bea").createOrganization("Small");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CommittedOrganizations cold = new CommittedOrganizations(axon, snapshots, registry, 10);
        OrganizationWarmUp warmUp = new OrganizationWarmUp(dataSource, cold, 3, 10);

        assertEquals(3, warmUp.warm(3));
        assertEquals(3, cache(registry, "loaded"), "the three organisations with the most events were loaded");
        for (String organizationId : largest) {
            cold.current(organizationId).orElseThrow();
        }
        assertEquals(3, cache(registry, "hit"), "each was found in memory");
        assertEquals(3, cache(registry, "loaded"));
        cold.current(small).orElseThrow();
        assertEquals(4, cache(registry, "loaded"), "a smaller one was not warmed");

        // another instance changes a warmed organisation: its next use sees the change
        String zed = UUID.randomUUID().toString();
        long stored = other.append(largest.get(0),
                new MemberAdded(zed, "zed-" + zed.substring(0, 8) + "@example.com", "zed", Role.MEMBER));
        Committed current = cold.current(largest.get(0)).orElseThrow();
        assertEquals(stored, current.sequence());
        assertTrue(current.state().member(zed).isPresent(), "the member added after the warm-up is there");
        assertEquals(1, cache(registry, "caught_up"));
    }

    private static double cache(SimpleMeterRegistry registry, String result) {
        return registry.get("envguard.organization.cache").tag("result", result).counter().count();
    }

    private static Set<String> grantees(OrganizationState state) {
        Set<String> grantees = new TreeSet<>();
        state.team(null).orElseThrow().group("production").orElseThrow().grants().keySet().forEach(grantees::add);
        return grantees;
    }

    private long latestSnapshot(String organizationId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT coalesce(max(sequencenumber), -1) FROM snapshotevententry WHERE aggregateidentifier = ?")) {
            query.setString(1, organizationId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Another instance of the service: its own storage engine on the same store, its commits unknown to this one. */
    private final class OtherInstance {

        private final JdbcEventStorageEngine storage;

        OtherInstance() {
            JacksonSerializer serializer = JacksonSerializer.builder()
                    .objectMapper(AxonRuntime.axonObjectMapper(objectMapper)).build();
            storage = JdbcEventStorageEngine.builder()
                    .connectionProvider(new DataSourceConnectionProvider(dataSource))
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .eventSerializer(serializer)
                    .snapshotSerializer(serializer)
                    .build();
        }

        /** Appends {@code count} new members at once, for an organisation of many events. */
        void appendMembers(String organizationId, int count) {
            long next = storage.lastSequenceNumberFor(organizationId).orElseThrow() + 1;
            List<GenericDomainEventMessage<MemberAdded>> events = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String userId = UUID.randomUUID().toString();
                events.add(new GenericDomainEventMessage<>(OrganizationSnapshots.AGGREGATE_TYPE, organizationId,
                        next + i, new MemberAdded(userId, "m-" + userId + "@example.com", "m" + i, Role.MEMBER),
                        MetaData.with(OrganizationAggregate.ACTOR_ID, "other")));
            }
            storage.appendEvents(events);
        }

        /** Appends the event as the organisation's next, trying again when a change of this instance came first. */
        long append(String organizationId, EnvironmentEvent event) {
            for (int attempt = 1; ; attempt++) {
                long next = storage.lastSequenceNumberFor(organizationId).orElseThrow() + 1;
                try {
                    storage.appendEvents(List.of(new GenericDomainEventMessage<>(OrganizationSnapshots.AGGREGATE_TYPE,
                            organizationId, next, event, MetaData.with(OrganizationAggregate.ACTOR_ID, "other"))));
                    return next;
                } catch (RuntimeException lostTheRace) {
                    if (attempt == 50) {
                        throw lostTheRace;
                    }
                }
            }
        }
    }
}
