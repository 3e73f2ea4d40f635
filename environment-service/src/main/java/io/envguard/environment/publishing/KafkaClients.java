package io.envguard.environment.publishing;

import io.envguard.edge.kafka.KafkaConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** The producer of the event topic, and the topic itself, created when missing. */
@ApplicationScoped
public class KafkaClients {

    private static final Logger LOG = Logger.getLogger(KafkaClients.class);

    private final KafkaConnection connection;
    private final EventTopic topic;
    private final AtomicBoolean topicReady = new AtomicBoolean();

    KafkaClients(KafkaConnection connection, EventTopic topic) {
        this.connection = connection;
        this.topic = topic;
    }

    /** Idempotent, acks from every in-sync replica: the publisher's token advances only after this ack. */
    public Producer<String, String> createProducer() {
        return new KafkaProducer<>(connection.config(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "environment-service-publisher",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.LINGER_MS_CONFIG, 0)),
                new StringSerializer(), new StringSerializer());
    }

    /** Creates the topic unless it exists; tried at startup and again before publishing until it succeeds once. */
    public void ensureTopic() {
        if (topicReady.get()) {
            return;
        }
        try (Admin admin = Admin.create(connection.config(Map.of(
                CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000)))) {
            admin.createTopics(List.of(new NewTopic(topic.topic(), topic.partitions(), topic.replicationFactor())))
                    .all().get(15, TimeUnit.SECONDS);
            LOG.infof("created topic %s (%d partitions)", topic.topic(), topic.partitions());
            topicReady.set(true);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                topicReady.set(true);
            } else {
                LOG.warnf("cannot create topic %s yet: %s", topic.topic(), e.getCause().toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warnf("cannot create topic %s yet: %s", topic.topic(), e.toString());
        }
    }
}
