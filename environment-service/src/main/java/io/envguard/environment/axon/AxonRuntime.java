package io.envguard.environment.axon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.agroal.api.AgroalDataSource;
import io.envguard.environment.organization.CachingOrganizationRepository;
import io.envguard.environment.organization.CommittedOrganizations;
import io.envguard.environment.organization.OrganizationAggregate;
import io.envguard.environment.organization.RunningAxon;
import io.envguard.environment.projection.TransactionalProjection;
import io.envguard.environment.publishing.CloudEventPublisher;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Axon without Spring: builds and starts the whole configuration once, at startup, on the Agroal datasource and Narayana.
 * The event store and token store tables are owned by Flyway (V1).
 */
@ApplicationScoped
public class AxonRuntime implements RunningAxon {

    private static final long PUBLISHER_FETCH_DELAY_MS = 20;
    private static final int PUBLISHER_BATCH_SIZE = 100;

    private final AgroalDataSource dataSource;
    private final jakarta.transaction.TransactionManager jta;
    private final TransactionSynchronizationRegistry synchronizations;
    private final ObjectMapper objectMapper;
    private final CloudEventPublisher publisher;
    private final TransactionalProjection projection;
    private final CommittedOrganizations organizations;
    private final int publisherSegments;
    private volatile Configuration configuration;

    AxonRuntime(AgroalDataSource dataSource, jakarta.transaction.TransactionManager jta,
                TransactionSynchronizationRegistry synchronizations, ObjectMapper objectMapper,
                CloudEventPublisher publisher, TransactionalProjection projection,
                CommittedOrganizations organizations,
                @ConfigProperty(name = "envguard.publisher.segments", defaultValue = "4") int publisherSegments) {
        this.dataSource = dataSource;
        this.jta = jta;
        this.synchronizations = synchronizations;
        this.objectMapper = objectMapper;
        this.publisher = publisher;
        this.projection = projection;
        this.organizations = organizations;
        this.publisherSegments = publisherSegments;
    }

    void start(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE) StartupEvent event) {
        Serializer serializer = JacksonSerializer.builder().objectMapper(axonObjectMapper()).build();
        // no UnitOfWorkAwareConnectionProviderWrapper: it commits the connection itself, which an Agroal connection
        // enlisted in a JTA transaction refuses; Agroal already hands out the transaction's connection
        ConnectionProvider connections = new DataSourceConnectionProvider(dataSource);

        AtomicReference<CommitAwareEventStore> eventStore = new AtomicReference<>();
        JtaTransactionManager transactionManager =
                new JtaTransactionManager(jta, synchronizations, () -> eventStore.get().transactionCommitted());
        JdbcEventStorageEngine storageEngine = JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(transactionManager)
                .eventSerializer(serializer)
                .snapshotSerializer(SnapshotSerializer.of(axonObjectMapper()))
                .upcasterChain(new MovedEventTypes())
                .persistenceExceptionResolver(new PostgresDuplicateKeyResolver())
                .build();

        eventStore.set(new CommitAwareEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                // The publisher is woken after each commit (CommitAwareEventStore); the fetch delay bounds how late
                // it sees events it was not woken for, such as those another replica committed.
                .fetchDelay(PUBLISHER_FETCH_DELAY_MS)
                .timeUnit(TimeUnit.MILLISECONDS)));

        configuration = DefaultConfigurer.defaultConfiguration(false)
                .configureTransactionManager(c -> transactionManager)
                .configureSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureMessageSerializer(c -> serializer)
                .configureEventStore(c -> eventStore.get())
                .registerComponent(TokenStore.class, c -> JdbcTokenStore.builder()
                        .connectionProvider(connections)
                        .serializer(serializer)
                        .build())
                .configureAggregate(AggregateConfigurer.defaultConfiguration(OrganizationAggregate.class)
                        // Commands judge the organisation as last committed, kept in memory and checked current
                        // against the store; snapshots are written in the background, not in the command.
                        .configureRepository(c -> CachingOrganizationRepository.of(c, organizations,
                                synchronizations)))
                .eventProcessing(processing -> processing
                        .registerSubscribingEventProcessor(TransactionalProjection.PROCESSING_GROUP)
                        .registerListenerInvocationErrorHandler(TransactionalProjection.PROCESSING_GROUP,
                                c -> PropagatingErrorHandler.instance())
                        .registerEventHandler(c -> projection)
                        // A tracking processor, not a pooled one: it blocks on the event store's stream and wakes
                        // as soon as an event is stored, where a pooled processor over a JDBC store polls every 500 ms.
                        .registerTrackingEventProcessor(CloudEventPublisher.PROCESSING_GROUP,
                                Configuration::eventStore,
                                c -> TrackingEventProcessorConfiguration.forParallelProcessing(publisherSegments)
                                        .andInitialSegmentsCount(publisherSegments)
                                        // what is waiting is sent together, acknowledged and tracked once
                                        .andBatchSize(PUBLISHER_BATCH_SIZE))
                        // a failed send must stop the segment and retry, never skip the event
                        .registerListenerInvocationErrorHandler(CloudEventPublisher.PROCESSING_GROUP,
                                c -> PropagatingErrorHandler.instance())
                        .registerEventHandler(c -> publisher))
                .buildConfiguration();
        configuration.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (configuration != null) {
            configuration.shutdown();
        }
    }

    /**
     * Quarkus' mapper, but camelCase: Axon's own types (tokens, metadata) rely on Jackson's default property names, and
     * stored events must stay readable whatever the wire format of the REST API becomes.
     */
    private ObjectMapper axonObjectMapper() {
        return axonObjectMapper(objectMapper);
    }

    /** The event serializer's mapper, built from {@code quarkusMapper}: also what the data-set generator stores with. */
    public static ObjectMapper axonObjectMapper(ObjectMapper quarkusMapper) {
        return quarkusMapper.copy().setPropertyNamingStrategy(PropertyNamingStrategies.LOWER_CAMEL_CASE);
    }

    @Override
    public CommandGateway commandGateway() {
        return started().commandGateway();
    }

    @Override
    public EventStore eventStore() {
        return started().eventStore();
    }

    public boolean isStarted() {
        return configuration != null;
    }

    private Configuration started() {
        Configuration current = configuration;
        if (current == null) {
            throw new IllegalStateException("Axon is not started yet");
        }
        return current;
    }
}
