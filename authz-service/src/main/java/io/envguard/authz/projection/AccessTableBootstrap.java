package io.envguard.authz.projection;

import io.envguard.edge.kafka.KafkaConnection;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A replica that starts on an empty access table, or one far behind the topic, loads it in bulk before its consumers
 * start: the history is folded and copied as a rebuild does ({@link AccessTableRebuild}), and the consumers start at the
 * offsets folded to ({@link BootstrapRebalanceListener}). Applied event by event, through the live projection's
 * transactions, a million events took the better part of an hour.
 * <p>
 * Behind means: more than {@code envguard.projection.bootstrap-threshold} records of the topic beyond both the consumer
 * group's committed offsets and the table's last bulk load ({@link AccessTableOffsets}). Several replicas starting at
 * once load it once: the rebuild's lock lets one through at a time, and the next finds the table no longer behind.
 * While it loads, this replica is not ready and its checks answer 503: the table may be anywhere in the past.
 */
@ApplicationScoped
public class AccessTableBootstrap {

    private static final Logger LOG = Logger.getLogger(AccessTableBootstrap.class);
    private static final long TIMEOUT_SECONDS = 10;

    private final AccessTableRebuild rebuild;
    private final AccessTableOffsets offsets;
    private final ProjectionCatchUp catchUp;
    private final KafkaConnection connection;
    private final String topic;
    private final String groupId;
    private final long threshold;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile boolean loading;

    public AccessTableBootstrap(AccessTableRebuild rebuild, AccessTableOffsets offsets, ProjectionCatchUp catchUp,
                                KafkaConnection connection,
                                @ConfigProperty(name = "mp.messaging.incoming.environment-events.topic") String topic,
                                @ConfigProperty(name = "mp.messaging.incoming.environment-events.group.id") String groupId,
                                @ConfigProperty(name = "envguard.projection.bootstrap-threshold") long threshold) {
        this.rebuild = rebuild;
        this.offsets = offsets;
        this.catchUp = catchUp;
        this.connection = connection;
        this.topic = topic;
        this.groupId = groupId;
        this.threshold = threshold;
    }

    void start(@Observes StartupEvent event) {
        Thread thread = new Thread(this::run, "access-table-bootstrap");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the table is being loaded in bulk by this replica: its checks cannot be answered meanwhile. */
    public boolean loading() {
        return loading;
    }

    /** Waits until this replica has loaded the table or decided it need not (or could not: then event by event). */
    void awaitDone(Duration timeout) throws InterruptedException {
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warnf("the access table's bulk load is still running after %s; consuming meanwhile", timeout);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private void run() {
        try {
            rebuild.runIf(() -> {
                long behind = behind();
                if (behind > threshold) {
                    loading = true;
                    LOG.infof("the access table is %d records behind %s: loading it in bulk", behind, topic);
                    return true;
                }
                return false;
            });
            offsets.read().forEach((partition, next) -> catchUp.processed(partition, next - 1));
        } catch (Exception e) {
            LOG.error("loading the access table in bulk failed; it catches up event by event", e);
        } finally {
            loading = false;
            done.complete(null);
        }
    }

    /** Records of the topic beyond both the group's committed offsets and the table's last bulk load. */
    private long behind() throws Exception {
        int timeout = (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS);
        try (Admin admin = Admin.create(connection.config(Map.of(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout)))) {
            var description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<Integer, Long> loaded = offsets.read();
            long behind = 0;
            for (var end : ends.entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                long from = Math.max(done == null ? 0 : done.offset(), loaded.getOrDefault(end.getKey().partition(), 0L));
                behind += Math.max(0, end.getValue().offset() - from);
            }
            return behind;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return 0;
            }
            throw e;
        }
    }
}
