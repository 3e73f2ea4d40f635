package io.envguard.authz.projection;

import io.envguard.authz.consistency.ProjectedRevisions;
import io.envguard.contract.event.EnvironmentCloudEvent;
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
 * <p>
 * A record that is refused ({@link EnvironmentCloudEvent.Refusal}) fails the returned Uni: the connector then writes it to
 * the dead-letter topic, the reason in its {@code dead-letter-reason} header, and goes on. Before that, the
 * organisation it names is marked broken when refusing it may leave a gap ({@link BrokenOrganizations}).
 */
@ApplicationScoped
public class EnvironmentEventConsumer {

    private static final Logger LOG = Logger.getLogger(EnvironmentEventConsumer.class);

    private final EventReader reader;
    private final BrokenOrganizations broken;
    private final AccessProjection projection;
    private final ProjectedRevisions revisions;
    private final ProjectionCatchUp catchUp;
    private final ProjectionGate gate;
    private final MeterRegistry registry;
    private final Counter gaps;
    private final Timer delay;
    private final Timer delaySinceSent;

    public EnvironmentEventConsumer(EventReader reader, BrokenOrganizations broken, AccessProjection projection,
                                    ProjectedRevisions revisions, ProjectionCatchUp catchUp, ProjectionGate gate,
                                    MeterRegistry registry) {
        this.reader = reader;
        this.broken = broken;
        this.projection = projection;
        this.revisions = revisions;
        this.catchUp = catchUp;
        this.gate = gate;
        this.registry = registry;
        this.gaps = Counter.builder("envguard.projection.gaps")
                .description("Events received ahead of a missing revision (held, not applied)").register(registry);
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
        EnvironmentCloudEvent event;
        try {
            event = reader.read(record.value());
        } catch (EnvironmentCloudEvent.RefusedEvent refused) {
            return refuse(record, refused);
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

    /**
     * Marks the organisation broken if refusing the record may leave a gap in it, then fails with the reason, which
     * sends the record to the dead-letter topic. A record without a readable organisation id is attributed to its key,
     * which environment-service sets to the organisation id; with neither, no organisation can be marked (docs/events.md).
     */
    private Uni<Void> refuse(ConsumerRecord<String, String> record, EnvironmentCloudEvent.RefusedEvent refused) {
        String organizationId = refused.organizationId() != null ? refused.organizationId() : record.key();
        String kind = refused.refusal().name().toLowerCase(Locale.ROOT);
        String reason = kind + ": " + refused.getMessage();
        LOG.errorf("refused record %s-%d@%d of organisation %s, revision %s (%s); sent to the dead-letter topic",
                record.topic(), record.partition(), record.offset(), organizationId,
                refused.revision() < 0 ? "unknown" : refused.revision(), reason);
        registry.counter("envguard.projection.dead.letters", "reason", kind).increment();
        if (organizationId == null) {
            LOG.errorf("the refused record %s-%d@%d names no organisation, so none is marked broken. Should it have been"
                    + " an event of environment-service, that organisation's next event waits for it and marks it"
                    + " broken after envguard.projection.gap-timeout", record.topic(), record.partition(), record.offset());
        }
        Uni<Boolean> marked = refused.refusal().breaksOrganization() && organizationId != null
                ? gate.pass(() -> broken.markNow(organizationId, refused.revision(), reason))
                        .onFailure().invoke(failure -> LOG.errorf(failure, "marking organisation %s broken failed;"
                                + " retrying", organizationId))
                        .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                : Uni.createFrom().item(false);
        return marked
                .invoke(() -> catchUp.processed(record.partition(), record.offset()))
                .chain(() -> Uni.createFrom().failure(new RefusedRecordException(organizationId, reason)));
    }

    /** The failure that dead-letters a record; its message becomes the record's {@code dead-letter-reason} header. */
    static final class RefusedRecordException extends RuntimeException {
        RefusedRecordException(String organizationId, String reason) {
            super((organizationId == null ? "no organisation" : "organisation " + organizationId) + ": " + reason,
                    null, false, false);
        }
    }

    private void recordDelay(EnvironmentCloudEvent event, ConsumerRecord<String, String> record) {
        Instant now = Instant.now();
        if (event.time() != null) {
            delay.record(Duration.between(event.time(), now));
        }
        if (record.timestamp() > 0) {
            delaySinceSent.record(Duration.between(Instant.ofEpochMilli(record.timestamp()), now));
        }
    }
}
