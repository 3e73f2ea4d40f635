package io.envguard.environment.publishing;

import io.envguard.environment.organization.OrganizationEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Publishes every stored event to Kafka, keyed by organisation id, and returns only after the broker acknowledged it,
 * so the streaming processor's token never moves past an unpublished event (at least once, in order per organisation).
 */
@Singleton // not proxied: Axon reads the annotations of the class it is given
@ProcessingGroup(CloudEventPublisher.PROCESSING_GROUP)
public class CloudEventPublisher {

    public static final String PROCESSING_GROUP = "kafka-publisher";

    private final KafkaClients kafka;
    private final CloudEvents cloudEvents;
    private final EventTopic topic;
    private final Producer<String, String> producer;

    CloudEventPublisher(KafkaClients kafka, CloudEvents cloudEvents, EventTopic topic) {
        this.kafka = kafka;
        this.cloudEvents = cloudEvents;
        this.topic = topic;
        this.producer = kafka.createProducer();
    }

    /** In the background: an absent broker must not hold up the startup (the publisher retries before sending). */
    void createTopic(@Observes StartupEvent event) {
        Thread thread = new Thread(kafka::ensureTopic, "create-topic");
        thread.setDaemon(true);
        thread.start();
    }

    @EventHandler
    void publish(OrganizationEvent event, DomainEventMessage<?> message) throws Exception {
        kafka.ensureTopic();
        ProducerRecord<String, String> record =
                new ProducerRecord<>(topic.topic(), message.getAggregateIdentifier(), cloudEvents.toJson(message));
        record.headers().add("content-type", CloudEvents.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        producer.send(record).get(topic.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}
