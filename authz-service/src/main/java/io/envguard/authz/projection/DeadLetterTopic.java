package io.envguard.authz.projection;

import io.envguard.edge.kafka.KafkaConnection;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates the dead-letter topic when it is missing, as environment-service creates the event topic: the brokers create
 * no topic on their own. On Kubernetes a KafkaTopic declares it (k8s/base/kafka.yaml) and this finds it there.
 */
@ApplicationScoped
public class DeadLetterTopic {

    private static final Logger LOG = Logger.getLogger(DeadLetterTopic.class);

    private final KafkaConnection connection;
    private final String topic;
    private final int partitions;
    private final short replicationFactor;

    public DeadLetterTopic(KafkaConnection connection,
                           @ConfigProperty(name = "mp.messaging.incoming.environment-events.dead-letter-queue.topic")
                           String topic,
                           @ConfigProperty(name = "envguard.projection.dead-letter.partitions") int partitions,
                           @ConfigProperty(name = "envguard.projection.dead-letter.replication-factor")
                           short replicationFactor) {
        this.connection = connection;
        this.topic = topic;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    void create(@Observes StartupEvent event) {
        try (Admin admin = Admin.create(connection.config(Map.of(
                CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000)))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, replicationFactor))).all().get(15, TimeUnit.SECONDS);
            LOG.infof("created the dead-letter topic %s", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOG.errorf("cannot create the dead-letter topic %s: %s; refused records wait until it exists", topic,
                        e.getCause().toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.errorf("cannot create the dead-letter topic %s: %s; refused records wait until it exists", topic,
                    e.toString());
        }
    }
}
