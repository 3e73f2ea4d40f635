package io.envguard.environment.publishing;

import io.envguard.contract.event.EnvironmentEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes every stored event to Kafka, keyed by organisation id (at least once, in order per organisation).
 * <p>
 * The tracking processor hands over a batch of events in one unit of work: each is sent at once, and the unit of work
 * commits, moving the processor's token, only after the broker acknowledged every send of the batch. A send that fails
 * or times out fails the batch, which is sent again from its first event.
 */
@Singleton // not proxied: Axon reads the annotations of the class it is given
@ProcessingGroup(CloudEventPublisher.PROCESSING_GROUP)
public class CloudEventPublisher {

    public static final String PROCESSING_GROUP = "kafka-publisher";
    private static final String PENDING_ACKNOWLEDGEMENTS = CloudEventPublisher.class.getName() + ".acknowledgements";

    private final KafkaClients kafka;
    private final EventTopic topic;
    private final Producer<String, String> producer;

    CloudEventPublisher(KafkaClients kafka, EventTopic topic) {
        this.kafka = kafka;
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
    void publish(EnvironmentEvent event, DomainEventMessage<?> message) {
        kafka.ensureTopic();
        acknowledgementsOf(CurrentUnitOfWork.get()).add(producer.send(EventRecords.of(topic.topic(), message)));
    }

    /** The sends of this unit of work, awaited before it commits. */
    private List<Future<RecordMetadata>> acknowledgementsOf(UnitOfWork<?> unitOfWork) {
        return unitOfWork.getOrComputeResource(PENDING_ACKNOWLEDGEMENTS, key -> {
            List<Future<RecordMetadata>> acknowledgements = new ArrayList<>();
            unitOfWork.onPrepareCommit(committing -> awaitAll(acknowledgements));
            return acknowledgements;
        });
    }

    private void awaitAll(List<Future<RecordMetadata>> acknowledgements) {
        long deadline = System.nanoTime() + topic.sendTimeout().toNanos();
        try {
            for (Future<RecordMetadata> acknowledgement : acknowledgements) {
                acknowledgement.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the batch; it will be sent again", e);
        }
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}
