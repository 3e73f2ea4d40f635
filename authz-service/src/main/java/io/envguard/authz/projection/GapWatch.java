package io.envguard.authz.projection;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Bounds how long an organisation may be answered from the state before a gap: once its oldest held event has waited
 * {@code envguard.projection.gap-timeout}, the missing revision is taken as lost and the organisation is marked broken.
 * Every replica checks (marking is idempotent), and so keeps its gauge of broken organisations current.
 */
@ApplicationScoped
public class GapWatch {

    private static final Logger LOG = Logger.getLogger(GapWatch.class);

    private final BrokenOrganizations broken;
    private final Duration timeout;
    private final Duration interval;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "gap-watch");
        thread.setDaemon(true);
        return thread;
    });

    public GapWatch(BrokenOrganizations broken,
                    @ConfigProperty(name = "envguard.projection.gap-timeout") Duration timeout,
                    @ConfigProperty(name = "envguard.projection.gap-check-interval") Duration interval) {
        this.broken = broken;
        this.timeout = timeout;
        this.interval = interval;
    }

    void start(@Observes StartupEvent event) {
        timer.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
    }

    private void check() {
        try {
            VertxContextSupport.subscribeAndAwait(() -> broken.markStaleGaps(Instant.now().minus(timeout)));
        } catch (Throwable e) {
            LOG.warnf("cannot check for gaps that did not close: %s", e.toString());
        }
    }
}
