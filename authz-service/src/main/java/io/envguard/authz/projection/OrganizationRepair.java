package io.envguard.authz.projection;

import io.envguard.contract.event.EnvironmentCloudEvent;
import io.envguard.edge.kafka.KafkaConnection;
import io.envguard.edge.error.ApiException;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Repairs one organisation (docs/operations.md): reads its events from the whole topic, the way the live projection
 * reads them, and, when they run from revision 1 without a gap, replaces its rows by them and clears its broken mark.
 * A revision that is missing or refused on the topic cannot be made up here: the repair is refused (409) naming it,
 * and the mark stays until environment-service has published that revision again. A refused record whose revision
 * cannot be read shows no revision as missing: the operator tells its revision with {@code at_least}.
 */
@ApplicationScoped
public class OrganizationRepair {

    private static final Logger LOG = Logger.getLogger(OrganizationRepair.class);

    private final AccessProjection projection;
    private final EventReader reader;
    private final KafkaConnection connection;
    private final String topic;

    public OrganizationRepair(AccessProjection projection, EventReader reader,
                              KafkaConnection connection,
                              @ConfigProperty(name = "mp.messaging.incoming.environment-events.topic") String topic) {
        this.projection = projection;
        this.reader = reader;
        this.connection = connection;
        this.topic = topic;
    }

    /**
     * Blocks while it reads the topic: call it from a worker thread. {@code atLeast} is a revision the organisation is
     * known to have reached (environment-service's), for a lost event the topic shows no trace of.
     */
    public AccessProjection.Repaired repair(String organizationId, long atLeast) throws Throwable {
        TreeMap<Long, EnvironmentCloudEvent> events = new TreeMap<>();
        AtomicLong claimed = new AtomicLong(atLeast);
        try (TopicHistory history = new TopicHistory(connection, topic)) {
            history.readUntil(history.ends(), records -> {
                for (ConsumerRecord<String, String> record : records) {
                    try {
                        EnvironmentCloudEvent event = reader.read(record.value());
                        if (event.organizationId().equals(organizationId)) {
                            // The first of a revision counts, as in the live projection, which takes later ones as duplicates.
                            events.putIfAbsent(event.revision(), event);
                        }
                    } catch (EnvironmentCloudEvent.RefusedEvent refused) {
                        // A refused record of the organisation may be its event at that revision: one that can be
                        // applied must be found for it, as for every revision before the last.
                        String named = refused.organizationId() != null ? refused.organizationId() : record.key();
                        if (refused.refusal().breaksOrganization() && organizationId.equals(named)) {
                            claimed.accumulateAndGet(refused.revision(), Math::max);
                        }
                    }
                }
            });
        }
        long last = Math.max(claimed.get(), events.isEmpty() ? 0 : events.lastKey());
        for (long revision = 1; revision <= last; revision++) {
            if (!events.containsKey(revision)) {
                throw new ApiException(409, "CONFLICT", "revision " + revision + " of organisation " + organizationId
                        + " is not on " + topic + " in a form that can be applied; environment-service must publish it"
                        + " again before the organisation can be repaired", Map.of("missing_revision", revision));
            }
        }
        AccessProjection.Repaired repaired = VertxContextSupport.subscribeAndAwait(
                () -> projection.repair(organizationId, events.values().stream().toList()));
        LOG.warnf("organisation %s repaired from %d events of %s: at revision %d (it was %s)", organizationId,
                repaired.events(), topic, repaired.revision(), repaired.wasBroken() ? "broken" : "not broken");
        return repaired;
    }
}
