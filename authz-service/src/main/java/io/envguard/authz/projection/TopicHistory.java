package io.envguard.authz.projection;

import io.envguard.edge.kafka.KafkaConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The event topic read from its beginning, outside the consumer group: the history the rebuild and the repair apply.
 * Refuses to open a topic whose beginning has been deleted, as anything built from it would miss what was deleted.
 */
final class TopicHistory implements AutoCloseable {

    /** Takes the records of one poll. */
    interface Batch {
        void accept(ConsumerRecords<String, String> records) throws Throwable;
    }

    private final KafkaConsumer<String, String> consumer;
    private final List<TopicPartition> partitions;

    TopicHistory(KafkaConnection connection, String topic) {
        consumer = new KafkaConsumer<>(connection.config(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                // Large fetches: the history is read as fast as the broker serves it, not in the live consumers' sips.
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "20000",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(4 << 20),
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(32 << 20),
                ConsumerConfig.RECEIVE_BUFFER_CONFIG, String.valueOf(1 << 20))), new StringDeserializer(), new StringDeserializer());
        try {
            partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            if (consumer.beginningOffsets(partitions).values().stream().anyMatch(first -> first > 0)) {
                throw new IllegalStateException(topic + " no longer holds the whole history (retention must be"
                        + " unlimited); what was deleted cannot be applied again");
            }
            consumer.seekToBeginning(partitions);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /** The offsets the topic ends at now. */
    Map<TopicPartition, Long> ends() {
        return consumer.endOffsets(partitions);
    }

    /** Polls until every partition has reached {@code ends}, handing each poll's records to {@code batch}. */
    void readUntil(Map<TopicPartition, Long> ends, Batch batch) throws Throwable {
        while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            batch.accept(consumer.poll(Duration.ofMillis(500)));
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
