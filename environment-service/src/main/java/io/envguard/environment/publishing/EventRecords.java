package io.envguard.environment.publishing;

import io.envguard.contract.event.EnvironmentCloudEvent;
import io.envguard.contract.event.EnvironmentEvent;
import io.envguard.environment.organization.OrganizationAggregate;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.DomainEventMessage;

import java.nio.charset.StandardCharsets;

/**
 * The Kafka record of a stored event: its Axon message in the envelope the contract writes
 * ({@link EnvironmentCloudEvent}), keyed by organisation id, in structured mode.
 */
public final class EventRecords {

    private EventRecords() {
    }

    public static ProducerRecord<String, String> of(String topic, DomainEventMessage<?> message) {
        String organizationId = message.getAggregateIdentifier();
        Object actor = message.getMetaData().getOrDefault(OrganizationAggregate.ACTOR_ID,
                OrganizationAggregate.SYSTEM_ACTOR);
        // The revision is the organisation's sequence number counted from 1 (docs/architecture.md).
        EnvironmentCloudEvent event = EnvironmentCloudEvent.of(message.getIdentifier(), organizationId,
                message.getSequenceNumber() + 1, String.valueOf(actor), message.getTimestamp(),
                (EnvironmentEvent) message.getPayload());
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, organizationId, event.json());
        record.headers().add("content-type", EnvironmentCloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
