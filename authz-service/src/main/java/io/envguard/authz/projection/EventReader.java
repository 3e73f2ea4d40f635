package io.envguard.authz.projection;

import io.envguard.contract.event.EnvironmentCloudEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads records of the event topic the one way the live projection, the rebuild and the repair all read them, so that
 * what one refuses the others refuse too.
 */
@ApplicationScoped
public class EventReader {

    private final String acceptedSource;

    /** {@code acceptedSource}: environment-service's {@code source}, unless configured otherwise. */
    public EventReader(@ConfigProperty(name = "envguard.projection.accepted-source",
            defaultValue = EnvironmentCloudEvent.SOURCE) String acceptedSource) {
        this.acceptedSource = acceptedSource;
    }

    public EnvironmentCloudEvent read(String json) throws EnvironmentCloudEvent.RefusedEvent {
        return EnvironmentCloudEvent.parse(json, acceptedSource);
    }
}
