package io.envguard.environment.publishing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.envguard.environment.organization.OrganizationAggregate;
import jakarta.enterprise.context.ApplicationScoped;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * Writes a stored event as a CloudEvents 1.0 structured JSON document, exactly as {@code docs/events.md} describes it.
 */
@ApplicationScoped
public class CloudEvents {

    public static final String CONTENT_TYPE = "application/cloudevents+json";
    static final String SOURCE = "/envguard/environment-service";
    private static final String TYPE_PREFIX = "io.envguard.environment.";
    /** Major version of every type in the catalog; bump per type when its meaning changes. */
    private static final int VERSION = 1;

    private final ObjectMapper objectMapper;

    CloudEvents(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public static String typeOf(Class<?> payloadType) {
        return TYPE_PREFIX + payloadType.getSimpleName() + ".v" + VERSION;
    }

    private ObjectNode toCloudEvent(DomainEventMessage<?> message) {
        String organizationId = message.getAggregateIdentifier();
        Object actor = message.getMetaData().getOrDefault(OrganizationAggregate.ACTOR_ID,
                OrganizationAggregate.SYSTEM_ACTOR);
        ObjectNode event = objectMapper.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", message.getIdentifier());
        event.put("source", SOURCE);
        event.put("type", typeOf(message.getPayloadType()));
        event.put("subject", "organizations/" + organizationId);
        event.put("time", message.getTimestamp().toString());
        event.put("datacontenttype", "application/json");
        event.put("organizationid", organizationId);
        event.put("revision", message.getSequenceNumber() + 1);
        event.put("actorid", String.valueOf(actor));
        event.set("data", objectMapper.valueToTree(message.getPayload()));
        return event;
    }

    public String toJson(DomainEventMessage<?> message) {
        try {
            return objectMapper.writeValueAsString(toCloudEvent(message));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + message.getIdentifier(), e);
        }
    }
}
