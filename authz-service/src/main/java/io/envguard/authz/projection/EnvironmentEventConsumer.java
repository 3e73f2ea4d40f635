package io.envguard.authz.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Feeds envguard.environment.events into the access table. The record's offset is committed only after its
 * transaction has committed (the connector acknowledges when the returned Uni completes), so a crash replays, and the
 * projection's revision check turns the replay into duplicates.
 */
@ApplicationScoped
public class EnvironmentEventConsumer {

    private static final Logger LOG = Logger.getLogger(EnvironmentEventConsumer.class);

    private final ObjectMapper mapper;
    private final AccessProjection projection;
    private final ProjectedRevisions revisions;
    private final ProjectionCatchUp catchUp;
    private final ProjectionGate gate;
    private final MeterRegistry registry;
    private final Counter gaps;
    private final Counter malformed;
    private final Timer delay;
    private final Timer delaySinceSent;

    public EnvironmentEventConsumer(ObjectMapper mapper, AccessProjection projection, ProjectedRevisions revisions,
                                    ProjectionCatchUp catchUp, ProjectionGate gate, MeterRegistry registry) {
        this.mapper = mapper;
        this.projection = projection;
        this.revisions = revisions;
        this.catchUp = catchUp;
        this.gate = gate;
        this.registry = registry;
        this.gaps = Counter.builder("envguard.projection.gaps")
                .description("Events received ahead of a missing revision (held, not applied)").register(registry);
        this.malformed = Counter.builder("envguard.projection.malformed")
                .description("Records that are not readable environment events (skipped)").register(registry);
        this.delay = delayTimer("envguard.projection.delay",
                "From an event's time to its application in the access table", registry);
        this.delaySinceSent = delayTimer("envguard.projection.delay.since.sent",
                "From the record's Kafka timestamp (environment-service sending it) to its application in the access "
                        + "table: the part of envguard.projection.delay after environment-service", registry);
    }

    private static Timer delayTimer(String name, String description, MeterRegistry registry) {
        return Timer.builder(name)
                .description(description)
                .publishPercentiles(0.5, 0.99)
                // Cumulative buckets as well: a benchmark reads them before and after its run to get that run alone.
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    @Incoming("environment-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        EnvironmentEvent event;
        try {
            event = EnvironmentEvent.parse(mapper, record.value());
        } catch (EnvironmentEvent.MalformedEventException e) {
            LOG.errorf("skipping unreadable record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            malformed.increment();
            catchUp.processed(record.partition(), record.offset());
            return Uni.createFrom().voidItem();
        }
        return gate.pass(() -> projection.apply(event))
                .onFailure().invoke(failure -> LOG.errorf(failure, "applying %s revision %d of %s failed; retrying",
                        event.type(), event.revision(), event.organizationId()))
                // The partition waits for the database rather than skip an event: order is what makes revisions work.
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .invoke(outcome -> {
                    revisions.reached(outcome.organizationId(), outcome.revision());
                    catchUp.processed(record.partition(), record.offset());
                    String result = outcome.result().name().toLowerCase(Locale.ROOT);
                    registry.counter("envguard.projection.events", "result", result).increment();
                    if (outcome.result() == AccessProjection.Result.HELD) {
                        gaps.increment();
                    }
                    recordDelay(event, record);
                })
                .replaceWithVoid();
    }

    private void recordDelay(EnvironmentEvent event, ConsumerRecord<String, String> record) {
        Instant now = Instant.now();
        if (event.time() != null) {
            delay.record(Duration.between(event.time(), now));
        }
        if (record.timestamp() > 0) {
            delaySinceSent.record(Duration.between(Instant.ofEpochMilli(record.timestamp()), now));
        }
    }
}
