package io.envguard.environment.organization;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Loads the organisations with the most events into {@link CommittedOrganizations} after a start, in the background,
 * at most {@code envguard.organization-cache.warm-at-start} of them, largest first: otherwise the first command in a
 * 5,000-member organisation loads it (a 1.5 MB snapshot, 100–300 ms in a JVM just started) while that organisation's
 * next commands queue behind it.
 * <p>
 * Readiness does not wait for it: most organisations load in milliseconds, and a command for one being warmed waits
 * only for that load, as it would for its own. The entries are checked against the store before each use like any
 * other, so an organisation changed after it was warmed is brought up to date, never served as warmed.
 */
@ApplicationScoped
public class OrganizationWarmUp {

    private static final Logger LOG = Logger.getLogger(OrganizationWarmUp.class);
    private static final long STOP_WAIT_SECONDS = 10;

    /**
     * Each organisation's last sequence number, largest first: a skip scan of the (aggregateidentifier, sequencenumber)
     * index, one descending probe per organisation, rather than aggregating every event (a {@code GROUP BY} over a
     * million events reads them all).
     */
    private static final String LARGEST = """
            WITH RECURSIVE last(organization_id, sequence) AS (
                (SELECT aggregateidentifier, sequencenumber FROM domainevententry
                 ORDER BY aggregateidentifier DESC, sequencenumber DESC LIMIT 1)
                UNION ALL
                SELECT next.aggregateidentifier, next.sequencenumber FROM last, LATERAL (
                    SELECT aggregateidentifier, sequencenumber FROM domainevententry
                    WHERE aggregateidentifier < last.organization_id
                    ORDER BY aggregateidentifier DESC, sequencenumber DESC LIMIT 1) next
            )
            SELECT organization_id FROM last ORDER BY sequence DESC LIMIT ?""";

    private final AgroalDataSource dataSource;
    private final CommittedOrganizations organizations;
    private final int count;
    private final ExecutorService loader = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "organization-warm-up");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopping;

    OrganizationWarmUp(AgroalDataSource dataSource, CommittedOrganizations organizations,
                       @ConfigProperty(name = "envguard.organization-cache.warm-at-start") int warmAtStart,
                       @ConfigProperty(name = "envguard.organization-cache.max-organizations") int maxOrganizations) {
        this.dataSource = dataSource;
        this.organizations = organizations;
        this.count = Math.min(warmAtStart, maxOrganizations);
    }

    /** After Axon has started ({@code AxonRuntime} observes the start earlier). */
    void start(@Observes StartupEvent event) {
        if (count > 0) {
            loader.execute(() -> warm(count));
        }
    }

    /** Before Axon stops: the organisation being loaded is finished, no other is begun. */
    void stop(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE) ShutdownEvent event) {
        stopping = true;
        loader.shutdown();
        try {
            if (!loader.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warnf("the warm-up did not stop within %d s", STOP_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Loads up to {@code limit} organisations, those with the most events first; answers how many it loaded. */
    public int warm(int limit) {
        long started = System.nanoTime();
        int warmed = 0;
        try {
            for (String organizationId : largest(limit)) {
                if (stopping) {
                    break;
                }
                organizations.current(organizationId);
                warmed++;
            }
            LOG.infof("warmed %d organizations (of at most %d) in %d ms", warmed, limit,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (RuntimeException | SQLException e) {
            LOG.warnf("warm-up stopped after %d organizations, in %d ms: %s", warmed,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), e.toString());
        }
        return warmed;
    }

    private List<String> largest(int limit) throws SQLException {
        List<String> largest = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(LARGEST)) {
            statement.setInt(1, limit);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    largest.add(rows.getString(1));
                }
            }
        }
        return largest;
    }
}
