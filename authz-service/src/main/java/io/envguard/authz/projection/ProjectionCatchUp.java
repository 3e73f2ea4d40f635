package io.envguard.authz.projection;

import io.envguard.edge.kafka.KafkaConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether the access table has caught up with the end offsets the topic had when this process first asked. Answering
 * checks from a table that is still replaying history would answer from the past. A partition counts once this process
 * has applied it that far, or once the consumer group has (another replica consuming it).
 */
@ApplicationScoped
public class ProjectionCatchUp {

    private static final long TIMEOUT_SECONDS = 3;

    private final KafkaConnection connection;
    private final String topic;
    private final String groupId;
    private final Map<Integer, Long> processed = new ConcurrentHashMap<>();
    private volatile Map<Integer, Long> targets;
    private volatile boolean caughtUp;

    public ProjectionCatchUp(KafkaConnection connection,
                             @ConfigProperty(name = "mp.messaging.incoming.environment-events.topic") String topic,
                             @ConfigProperty(name = "mp.messaging.incoming.environment-events.group.id") String groupId) {
        this.connection = connection;
        this.topic = topic;
        this.groupId = groupId;
    }

    /** Called once the record at {@code offset} of {@code partition} has been applied (or skipped). */
    void processed(int partition, long offset) {
        processed.merge(partition, offset + 1, Math::max);
    }

    public boolean caughtUp() {
        if (caughtUp) {
            return true;
        }
        Map<Integer, Long> ends = targets;
        if (ends == null) {
            return false;
        }
        boolean all = ends.entrySet().stream()
                .allMatch(end -> processed.getOrDefault(end.getKey(), 0L) >= end.getValue());
        caughtUp = all;
        return all;
    }

    /** Reads the targets once; until then (the broker unreachable, say) the projection is not caught up. */
    public String readTargetsIfMissing() {
        if (caughtUp || targets != null) {
            return null;
        }
        try {
            targets = readTargets();
            return null;
        } catch (Exception e) {
            return "cannot read the end offsets of " + topic + ": " + e.getMessage();
        }
    }

    /** Counts what the whole consumer group has committed; until then (the broker unreachable, say) only this process'. */
    public String refreshFromGroup() {
        if (caughtUp || targets == null) {
            return null;
        }
        try (Admin admin = admin()) {
            admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .forEach((partition, committed) -> {
                        if (committed != null && partition.topic().equals(topic)) {
                            processed.merge(partition.partition(), committed.offset(), Math::max);
                        }
                    });
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            return "cannot read the committed offsets of " + groupId + ": " + e.getMessage();
        }
    }

    /** How many records are still to be applied before the projection is caught up; -1 when not known yet. */
    public long behind() {
        Map<Integer, Long> ends = targets;
        if (ends == null) {
            return -1;
        }
        return ends.entrySet().stream()
                .mapToLong(end -> Math.max(0, end.getValue() - processed.getOrDefault(end.getKey(), 0L))).sum();
    }

    /**
     * The end offset of every partition still to be consumed. A partition whose committed offset already reaches its
     * end was consumed by an earlier run and needs nothing more.
     */
    private Map<Integer, Long> readTargets() throws Exception {
        try (Admin admin = admin()) {
            TopicDescription description;
            try {
                description = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    return Map.of();
                }
                throw e;
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<Integer, Long> result = new HashMap<>();
            ends.forEach((partition, end) -> {
                OffsetAndMetadata done = committed.get(partition);
                if (end.offset() > 0 && (done == null || done.offset() < end.offset())) {
                    result.put(partition.partition(), end.offset());
                }
            });
            return result;
        }
    }

    private Admin admin() {
        int timeout = (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS);
        return Admin.create(connection.config(Map.of(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout)));
    }
}
