package io.envguard.authz.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads records of the event topic the one way the live projection, the rebuild and the repair all read them, so that
 * what one refuses the others refuse too.
 */
@ApplicationScoped
public class EventReader {

    private final ObjectMapper mapper;
    private final String acceptedSource;

    public EventReader(ObjectMapper mapper,
                       @ConfigProperty(name = "envguard.projection.accepted-source") String acceptedSource) {
        this.mapper = mapper;
        this.acceptedSource = acceptedSource;
    }

    public EnvironmentEvent read(String json) throws EnvironmentEvent.RefusedEvent {
        return EnvironmentEvent.parse(mapper, json, acceptedSource);
    }
}
