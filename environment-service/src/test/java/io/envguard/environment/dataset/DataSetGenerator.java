package io.envguard.environment.dataset;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.envguard.environment.axon.AxonRuntime;
import io.envguard.environment.axon.SnapshotSerializer;
import io.envguard.environment.organization.OrganizationAggregate;
import io.envguard.environment.organization.OrganizationSnapshots;
import io.envguard.environment.publishing.EventRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Loads a generated platform in bulk into environment-service's event store and onto the event topic, as the write side
 * would have: the events are environment-service's own records ({@code EnvironmentEvent}), stored by Axon's own
 * {@link JdbcEventStorageEngine} with the serializer {@link AxonRuntime} configures (so the aggregates load and take
 * commands afterwards, with their sequence numbers from 0 and without gaps), and published as the records
 * {@link EventRecords} makes for the publisher (same key, header and CloudEvents JSON), by a batched producer. The tables
 * environment-service keeps in the events' transaction (users, API key hashes, grant expiries) are filled too, and the
 * publisher's tokens moved past the loaded events, so that it does not publish them a second time. An organisation of
 * {@code envguard.snapshot.every} events or more (the service's setting) gets a snapshot at its last event, as the
 * write side would have taken one ({@link OrganizationSnapshots}), so that the service does not replay its whole history
 * the first time it is asked for it.
 * <p>
 * Run it with environment-service stopped and Kafka and PostgreSQL up ({@code bench/dataset.sh} does that). Settings are
 * environment variables: {@code SCALE_EVENTS} (1,000,000), {@code SCALE_SEED}, {@code SCALE_LARGE_ORG} (1 when
 * {@code SCALE_EVENTS} ≥ 100,000: one organisation with 5,000 members and 200 environment groups),
 * {@code DATASET_OUT} (file of sample questions for the benchmarks, appended to), {@code ENVGUARD_DB_HOST}/{@code _PORT},
 * {@code KAFKA_BOOTSTRAP_SERVERS}, {@code KAFKA_CLIENT_CONFIG} (a Kafka client properties file with the security settings:
 * on the local platform, environment-service's own user, {@code .platform/kafka/users/environment-service.properties},
 * the only one allowed to write the topic). Prints one JSON line.
 */
public final class DataSetGenerator {

    static final String TOPIC = "envguard.environment.events";
    private static final int EVENTS_PER_BATCH = 5_000;
    private static final String AGGREGATE_TYPE = OrganizationSnapshots.AGGREGATE_TYPE;
    private static final AggregateModel<OrganizationAggregate> AGGREGATE_MODEL =
            AnnotatedAggregateMetaModelFactory.inspectAggregate(OrganizationAggregate.class);

    private final Connection connection;
    private final JdbcEventStorageEngine storage;
    private final Serializer serializer;
    private final Producer<String, String> producer;
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    private final int snapshotEvery = snapshotEvery();
    /** Where the time goes, in nanoseconds: planning, the event store, snapshots, the producer, the other tables. */
    private long planning;
    private long storing;
    private long snapshotting;
    private long publishing;
    private long tables;

    /** {@code kafka}: the producer's address and security settings. */
    DataSetGenerator(PGSimpleDataSource dataSource, Map<String, Object> kafka) throws SQLException {
        ObjectMapper quarkusMapper = quarkusObjectMapper();
        ObjectMapper axonMapper = AxonRuntime.axonObjectMapper(quarkusMapper);
        this.serializer = JacksonSerializer.builder().objectMapper(axonMapper).build();
        this.connection = dataSource.getConnection();
        this.storage = JdbcEventStorageEngine.builder()
                // one connection for everything: a new one per snapshot stored cost more than the snapshot
                .connectionProvider(this::sharedConnection)
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .snapshotSerializer(SnapshotSerializer.of(axonMapper))
                .build();
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.putAll(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "envguard-dataset-generator",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024));
        this.producer = new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
    }

    /**
     * The mapper Quarkus builds from environment-service's {@code quarkus.jackson.*} settings (snake_case, unknown
     * properties ignored, dates as ISO text); {@code DataSetGeneratorTest} holds it equal to the service's own.
     */
    static ObjectMapper quarkusObjectMapper() {
        return JsonMapper.builder()
                .findAndAddModules()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
    }

    /** The generator's connection, which Axon may close after each statement: the close is ignored. */
    private Connection sharedConnection() {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** What was loaded. */
    record Loaded(long events, int organizations, long users, long maxGlobalIndex) {
    }

    public static void main(String[] args) throws Exception {
        long target = Long.parseLong(env("SCALE_EVENTS", "1000000"));
        long seed = Long.parseLong(env("SCALE_SEED", String.valueOf(new Random().nextLong())));
        boolean large = env("SCALE_LARGE_ORG", target >= 100_000 ? "1" : "0").equals("1");
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl("jdbc:postgresql://" + env("ENVGUARD_DB_HOST", "127.0.0.1") + ":"
                + env("ENVGUARD_DB_PORT", "5432") + "/" + env("ENVGUARD_ENVIRONMENT_DB", "envguard_environment")
                + "?reWriteBatchedInserts=true");
        dataSource.setUser(env("ENVGUARD_DB_USER", "postgres"));
        dataSource.setPassword(env("ENVGUARD_DB_PASSWORD", ""));
        String out = System.getenv("DATASET_OUT");
        Map<String, Object> kafka = new HashMap<>();
        String clientConfig = System.getenv("KAFKA_CLIENT_CONFIG");
        if (clientConfig != null) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(Path.of(clientConfig))) {
                properties.load(reader);
            }
            properties.forEach((key, value) -> kafka.put((String) key, value));
        }
        kafka.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"));
        DataSetGenerator generator = new DataSetGenerator(dataSource, kafka);
        try (PrintWriter samples = out == null ? new PrintWriter(PrintWriter.nullWriter())
                : new PrintWriter(Files.newBufferedWriter(Path.of(out), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND))) {
            long started = System.nanoTime();
            Loaded loaded = generator.load(target, seed, large, samples);
            System.out.printf("{\"figure\": \"dataset_load\", \"events\": %d, \"organizations\": %d, \"users\": %d, "
                            + "\"seconds\": %.1f, \"events_per_second\": %d, \"seed\": %d, \"large_org\": %s, "
                            + "\"seconds_planning\": %.1f, \"seconds_storing\": %.1f, \"seconds_snapshots\": %.1f, "
                            + "\"seconds_publishing\": %.1f, \"seconds_tables\": %.1f}%n",
                    loaded.events(), loaded.organizations(), loaded.users(), (System.nanoTime() - started) / 1e9,
                    Math.round(loaded.events() / ((System.nanoTime() - started) / 1e9)), seed, large,
                    generator.planning / 1e9, generator.storing / 1e9, generator.snapshotting / 1e9,
                    generator.publishing / 1e9, generator.tables / 1e9);
        } finally {
            generator.close();
        }
    }

    Loaded load(long target, long seed, boolean large, PrintWriter samples) throws Exception {
        requirePublisherStopped();
        Random random = new Random(seed);
        String run = Long.toString(seed & 0xffffffffL, 36);
        Instant now = Instant.now();
        List<DataSetPlan> pending = new ArrayList<>();
        int pendingEvents = 0;
        long events = 0;
        long users = 0;
        int organizations = 0;
        while (events < target) {
            DataSetPlan.Shape shape = large && organizations == 0 ? new DataSetPlan.Shape(5_000, 4, 50, 12_000)
                    : DataSetPlan.typical(random);
            if (events + shape.events() > target) {
                shape = new DataSetPlan.Shape(shape.members(), shape.teams(), shape.extraGroupsPerTeam(),
                        (int) Math.max(1, target - events));
            }
            long planStarted = System.nanoTime();
            DataSetPlan plan = DataSetPlan.generate(shape, random.nextLong(), run, now);
            planning += System.nanoTime() - planStarted;
            if (organizations == 0 || random.nextInt(20) == 0) {
                sample(plan, samples, random, organizations == 0 && large ? "large" : "typical");
            }
            pending.add(plan);
            pendingEvents += plan.events.size();
            events += plan.events.size();
            users += plan.members.size() + plan.departed.size();
            organizations++;
            if (pendingEvents >= EVENTS_PER_BATCH) {
                write(pending);
                pending.clear();
                pendingEvents = 0;
            }
        }
        write(pending);
        flush();
        long maxIndex = movePublisherTokens();
        return new Loaded(events, organizations, users, maxIndex);
    }

    /**
     * One line per question: {@code kind email api-key organization team environment user-id}, for the benchmarks' mix;
     * for the large organisation, its creator first ({@code large-admin}) and 300 of its members.
     */
    private static void sample(DataSetPlan plan, PrintWriter samples, Random random, String kind) {
        List<DataSetPlan.Member> members = List.copyOf(plan.members.values());
        List<DataSetPlan.Team> teams = List.copyOf(plan.teams.values());
        if (kind.equals("large")) {
            DataSetPlan.Member creator = plan.members.get(plan.creatorId);
            samples.printf("large-admin %s - %s %s production %s%n", creator.email(), plan.organizationId,
                    plan.defaultTeamId, creator.userId());
        }
        int lines = kind.equals("large") ? 300 : 10;
        for (int i = 0; i < Math.min(lines, members.size()); i++) {
            DataSetPlan.Member member = members.get(random.nextInt(members.size()));
            DataSetPlan.Team team = teams.get(random.nextInt(teams.size()));
            List<String> environments = List.copyOf(team.groups.keySet());
            samples.printf("%s %s %s %s %s %s %s%n", kind, member.email(), member.apiKey() == null ? "-" : member.apiKey(),
                    plan.organizationId, team.teamId, environments.get(random.nextInt(environments.size())),
                    member.userId());
        }
    }

    void write(List<DataSetPlan> plans) throws SQLException {
        if (plans.isEmpty()) {
            return;
        }
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        List<List<DomainEventMessage<?>>> snapshotted = new ArrayList<>();
        for (DataSetPlan plan : plans) {
            List<DomainEventMessage<?>> organization = new ArrayList<>();
            long sequence = 0;
            for (DataSetPlan.Planned event : plan.events) {
                organization.add(new GenericDomainEventMessage<>(AGGREGATE_TYPE, plan.organizationId, sequence++,
                        event.payload(), MetaData.with(OrganizationAggregate.ACTOR_ID, event.actorId()),
                        UUID.randomUUID().toString(), event.at()));
            }
            messages.addAll(organization);
            if (OrganizationSnapshots.due(sequence - 1, -1, snapshotEvery)) {
                snapshotted.add(organization);
            }
        }
        long started = System.nanoTime();
        storage.appendEvents(messages);
        storing += System.nanoTime() - started;
        started = System.nanoTime();
        for (List<DomainEventMessage<?>> organization : snapshotted) {
            storage.storeSnapshot(snapshotOf(organization));
        }
        snapshotting += System.nanoTime() - started;
        started = System.nanoTime();
        for (DomainEventMessage<?> message : messages) {
            producer.send(EventRecords.of(TOPIC, message), (metadata, failure) -> {
                if (failure != null) {
                    sendFailure.compareAndSet(null, failure);
                }
            });
        }
        publishing += System.nanoTime() - started;
        started = System.nanoTime();
        writeTables(plans);
        tables += System.nanoTime() - started;
    }

    /** The organisation its events build, folded by its own event-sourcing handlers, as a snapshot at the last one. */
    private static DomainEventMessage<OrganizationAggregate> snapshotOf(List<DomainEventMessage<?>> events) {
        DomainEventMessage<?> last = events.get(events.size() - 1);
        try {
            EventSourcedAggregate<OrganizationAggregate> aggregate = EventSourcedAggregate.initialize(
                    new GenericAggregateFactory<>(OrganizationAggregate.class)
                            .createAggregateRoot(last.getAggregateIdentifier(), events.get(0)),
                    AGGREGATE_MODEL, null, NoSnapshotTriggerDefinition.TRIGGER);
            aggregate.initializeState(DomainEventStream.of(events));
            return new GenericDomainEventMessage<>(AGGREGATE_TYPE, last.getAggregateIdentifier(),
                    last.getSequenceNumber(), aggregate.getAggregateRoot());
        } catch (Exception e) {
            throw new IllegalStateException("cannot fold organization " + last.getAggregateIdentifier(), e);
        }
    }

    /** The service's own setting, from its application.properties. */
    private static int snapshotEvery() {
        Properties settings = new Properties();
        try (InputStream in = DataSetGenerator.class.getResourceAsStream("/application.properties")) {
            settings.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Integer.parseInt(settings.getProperty("envguard.snapshot.every"));
    }

    /** What environment-service's transactional projection keeps beside the events. */
    private void writeTables(List<DataSetPlan> plans) throws SQLException {
        try (PreparedStatement users = connection.prepareStatement(
                "INSERT INTO users (user_id, email, name, organization_id) VALUES (?, ?, ?, ?)");
             PreparedStatement keys = connection.prepareStatement(
                     "INSERT INTO api_keys (prefix, organization_id, user_id, secret_sha256, created_at) VALUES (?, ?, ?, ?, ?)");
             PreparedStatement expiries = connection.prepareStatement(
                     "INSERT INTO grant_expiries (organization_id, team_id, environment, user_id, expires_at) VALUES (?, ?, ?, ?, ?)")) {
            for (DataSetPlan plan : plans) {
                UUID organization = UUID.fromString(plan.organizationId);
                for (DataSetPlan.Member member : plan.members.values()) {
                    user(users, member, organization);
                }
                for (DataSetPlan.Member member : plan.departed) {
                    user(users, member, null);
                }
                for (DataSetPlan.ApiKey key : plan.apiKeys.values()) {
                    keys.setString(1, key.prefix());
                    keys.setObject(2, organization);
                    keys.setObject(3, UUID.fromString(key.userId()));
                    keys.setString(4, key.sha256());
                    keys.setTimestamp(5, Timestamp.from(key.createdAt()));
                    keys.addBatch();
                }
                for (DataSetPlan.Team team : plan.teams.values()) {
                    for (DataSetPlan.Group group : team.groups.values()) {
                        for (var grant : group.grants.entrySet()) {
                            if (grant.getValue() != null) {
                                expiries.setObject(1, organization);
                                expiries.setObject(2, UUID.fromString(team.teamId));
                                expiries.setString(3, group.environment);
                                expiries.setObject(4, UUID.fromString(grant.getKey()));
                                expiries.setTimestamp(5, Timestamp.from(grant.getValue()));
                                expiries.addBatch();
                            }
                        }
                    }
                }
            }
            users.executeBatch();
            keys.executeBatch();
            expiries.executeBatch();
        }
    }

    private static void user(PreparedStatement users, DataSetPlan.Member member, UUID organization)
            throws SQLException {
        users.setObject(1, UUID.fromString(member.userId()));
        users.setString(2, member.email());
        users.setString(3, member.name());
        users.setObject(4, organization);
        users.addBatch();
    }

    /** Waits for the broker to acknowledge every record sent. */
    void flush() {
        long started = System.nanoTime();
        producer.flush();
        publishing += System.nanoTime() - started;
        if (sendFailure.get() != null) {
            throw new IllegalStateException("Kafka refused a record", sendFailure.get());
        }
    }

    /** The publisher would send the loaded events again from its tokens: they start after them instead. */
    private void requirePublisherStopped() throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*), count(owner) FROM tokenentry WHERE processorname = 'kafka-publisher'")) {
            r.next();
            if (r.getLong(1) == 0) {
                throw new IllegalStateException("environment-service has never run against this database: start it once"
                        + " (it migrates the schema, creates the topic and the publisher's tokens), then stop it");
            }
            if (r.getLong(2) > 0) {
                throw new IllegalStateException("environment-service's publisher holds its tokens: stop environment-service"
                        + " while the data set is loaded");
            }
        }
    }

    private long movePublisherTokens() throws SQLException {
        long maxIndex;
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT coalesce(max(globalindex), 0) FROM domainevententry")) {
            r.next();
            maxIndex = r.getLong(1);
        }
        SerializedObject<byte[]> token = serializer.serialize(GapAwareTrackingToken.newInstance(maxIndex, List.of()),
                byte[].class);
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE tokenentry SET token = ?, tokentype = ? WHERE processorname = 'kafka-publisher'")) {
            update.setBytes(1, token.getData());
            update.setString(2, token.getType().getName());
            update.executeUpdate();
        }
        return maxIndex;
    }

    void close() throws SQLException {
        producer.close();
        connection.close();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
