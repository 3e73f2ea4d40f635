package io.envguard.environment.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envguard.environment.organization.OrganizationState;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

import java.time.Instant;

/**
 * Writes and reads snapshots of the organisation aggregate: its fields as they are, the state its events built, with
 * no getter, setter or wire format in between. A snapshot that can no longer be read is skipped by Axon, which then
 * rebuilds the aggregate from all of its events; snapshots are a cache, the events remain the truth.
 */
public final class SnapshotSerializer {

    private SnapshotSerializer() {
    }

    public static Serializer of(ObjectMapper axonObjectMapper) {
        ObjectMapper fields = axonObjectMapper.copy()
                .setVisibility(PropertyAccessor.ALL, Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, Visibility.ANY)
                .addMixIn(OrganizationState.Group.class, GroupFields.class)
                .addMixIn(OrganizationState.Team.class, TeamFields.class);
        return JacksonSerializer.builder().objectMapper(fields).build();
    }

    /** The constructor that sets a group's fixed fields; its grants are set field by field. */
    abstract static class GroupFields {
        @JsonCreator
        GroupFields(@JsonProperty("environment") String environment, @JsonProperty("restricted") boolean restricted) {
        }
    }

    /** The constructor that sets a team's fixed fields; its roles and groups are set field by field. */
    abstract static class TeamFields {
        @JsonCreator
        TeamFields(@JsonProperty("id") String id, @JsonProperty("name") String name,
                   @JsonProperty("isDefault") boolean isDefault, @JsonProperty("createdAt") Instant createdAt) {
        }
    }
}
