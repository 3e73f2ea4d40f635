package io.envguard.environment.publishing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.envguard.contract.event.EventJson;
import io.envguard.contract.event.OrganizationEvent;
import io.envguard.environment.organization.OrganizationAggregate;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.DomainEventMessage;

import java.nio.charset.StandardCharsets;

/**
 * Writes a stored event as a CloudEvents 1.0 structured JSON document, exactly as {@code docs/events.md} describes it:
 * the envelope here, the type and {@code data} of the event as the contract maps them ({@link EventJson}).
 */
@ApplicationScoped
public class CloudEvents {

    public static final String CONTENT_TYPE = "application/cloudevents+json";
    static final String SOURCE = "/envguard/environment-service";

    private final ObjectMapper objectMapper;

    public CloudEvents(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    private ObjectNode toCloudEvent(DomainEventMessage<?> message) {
        String organizationId = message.getAggregateIdentifier();
        OrganizationEvent payload = (OrganizationEvent) message.getPayload();
        Object actor = message.getMetaData().getOrDefault(OrganizationAggregate.ACTOR_ID,
                OrganizationAggregate.SYSTEM_ACTOR);
        ObjectNode event = objectMapper.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", message.getIdentifier());
        event.put("source", SOURCE);
        event.put("type", EventJson.typeOf(payload.getClass()));
        event.put("subject", "organizations/" + organizationId);
        event.put("time", message.getTimestamp().toString());
        event.put("datacontenttype", "application/json");
        event.put("organizationid", organizationId);
        event.put("revision", message.getSequenceNumber() + 1);
        event.put("actorid", String.valueOf(actor));
        event.set("data", EventJson.toData(payload));
        return event;
    }

    public String toJson(DomainEventMessage<?> message) {
        try {
            return objectMapper.writeValueAsString(toCloudEvent(message));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + message.getIdentifier(), e);
        }
    }

    /** The record of {@code message} on the event topic: keyed by organisation id, in structured mode. */
    public ProducerRecord<String, String> toRecord(String topic, DomainEventMessage<?> message) {
        ProducerRecord<String, String> record =
                new ProducerRecord<>(topic, message.getAggregateIdentifier(), toJson(message));
        record.headers().add("content-type", CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
