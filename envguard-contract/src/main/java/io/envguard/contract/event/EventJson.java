package io.envguard.contract.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The JSON of the events on the topic, as {@code docs/events.md} documents it: the CloudEvents {@code type} of each
 * record and its {@code data} (snake_case fields, times in RFC 3339). The one mapping environment-service writes with
 * and authz-service reads with, whatever either's own JSON settings are; {@code docs/samples} are its tests.
 */
public final class EventJson {

    /** Every type of the catalog, version 1. */
    private static final List<Class<? extends EnvironmentEvent>> V1 = List.of(
            EnvironmentEvent.OrganizationCreated.class, EnvironmentEvent.MemberAdded.class,
            EnvironmentEvent.MemberRoleChanged.class, EnvironmentEvent.MemberRemoved.class,
            EnvironmentEvent.TeamCreated.class, EnvironmentEvent.TeamMemberAdded.class,
            EnvironmentEvent.TeamMemberRemoved.class, EnvironmentEvent.EnvironmentGroupCreated.class,
            EnvironmentEvent.EnvironmentGroupRestricted.class, EnvironmentEvent.EnvironmentGroupUnrestricted.class,
            EnvironmentEvent.AccessGranted.class, EnvironmentEvent.AccessRevoked.class,
            EnvironmentEvent.GrantExpired.class, EnvironmentEvent.ApiKeyCreated.class,
            EnvironmentEvent.ApiKeyDeleted.class);

    private static final Map<Class<? extends EnvironmentEvent>, String> TYPES = V1.stream()
            .collect(Collectors.toUnmodifiableMap(Function.identity(),
                    type -> EnvironmentCloudEvent.TYPE_PREFIX + type.getSimpleName() + ".v1"));
    private static final Map<String, Class<? extends EnvironmentEvent>> CLASSES = TYPES.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));

    /** Consumers ignore fields they do not know (docs/events.md, "Versioning"). */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventJson() {
    }

    /** The CloudEvents {@code type} of an event record, e.g. {@code io.envguard.environment.AccessGranted.v1}. */
    public static String typeOf(Class<? extends EnvironmentEvent> eventClass) {
        String type = TYPES.get(eventClass);
        if (type == null) {
            throw new IllegalArgumentException("not an event of the catalog: " + eventClass.getName());
        }
        return type;
    }

    /** The record of a CloudEvents {@code type}; empty for a type this version of the contract does not know. */
    public static Optional<Class<? extends EnvironmentEvent>> classOf(String type) {
        return Optional.ofNullable(CLASSES.get(type));
    }

    /** The types of the catalog. */
    public static List<String> types() {
        return V1.stream().map(TYPES::get).toList();
    }

    /** An event's {@code data}. */
    public static ObjectNode toData(EnvironmentEvent event) {
        return MAPPER.valueToTree(event);
    }

    /** Reads {@code data} as the record of {@code type}'s class. */
    public static <T extends EnvironmentEvent> T fromData(Class<T> eventClass, JsonNode data)
            throws JsonProcessingException {
        return MAPPER.treeToValue(data, eventClass);
    }
}
