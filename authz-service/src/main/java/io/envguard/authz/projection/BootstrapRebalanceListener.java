package io.envguard.authz.projection;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Starts each partition the projection's consumers are given no earlier than the access table's last bulk load
 * ({@link AccessTableOffsets}), once this replica's own bulk load is over ({@link AccessTableBootstrap}): what the table
 * already holds is not read again record by record. Runs on the consumer's polling thread, which may block here.
 */
@ApplicationScoped
@Identifier(BootstrapRebalanceListener.NAME)
public class BootstrapRebalanceListener implements KafkaConsumerRebalanceListener {

    static final String NAME = "access-table-bootstrap";
    private static final Logger LOG = Logger.getLogger(BootstrapRebalanceListener.class);
    /** Below the consumers' max.poll.interval.ms (5 minutes), beyond which a consumer blocked here would leave the group. */
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(4);

    private final AccessTableBootstrap bootstrap;
    private final AccessTableOffsets offsets;
    private final ProjectionCatchUp catchUp;

    public BootstrapRebalanceListener(AccessTableBootstrap bootstrap, AccessTableOffsets offsets,
                                      ProjectionCatchUp catchUp) {
        this.bootstrap = bootstrap;
        this.offsets = offsets;
        this.catchUp = catchUp;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        try {
            bootstrap.awaitDone(LONGEST_WAIT);
            Map<Integer, Long> loaded = offsets.read();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            for (TopicPartition partition : partitions) {
                Long next = loaded.get(partition.partition());
                // Beyond the end, the topic is not the one the table was loaded from (recreated): read it all.
                if (next != null && next <= ends.getOrDefault(partition, 0L) && consumer.position(partition) < next) {
                    consumer.seek(partition, next);
                    catchUp.processed(partition.partition(), next - 1);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("cannot read where the access table's last bulk load ended; consuming from the committed offsets", e);
        }
    }
}
