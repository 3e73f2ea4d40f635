package io.envguard.environment.axon;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once Axon (event store, aggregate, processors) is started; the datasource and Kafka have checks of their own.
 */
@Readiness
@ApplicationScoped
public class AxonReadiness implements HealthCheck {

    private final AxonRuntime axon;

    AxonReadiness(AxonRuntime axon) {
        this.axon = axon;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Axon event store").status(axon.isStarted()).build();
    }
}
