package io.envguard.environment.expiry;

import io.agroal.api.AgroalDataSource;
import io.envguard.environment.organization.OrganizationCommand.ExpireGrant;
import io.envguard.environment.organization.OrganizationCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ends grants on time even when nobody calls: polls the due rows of {@code grant_expiries} (kept in step with the grant
 * events) and sends {@link ExpireGrant}, which records {@code GrantExpired} with actor {@code system}.
 */
@ApplicationScoped
public class GrantExpiryScheduler {

    private static final Logger LOG = Logger.getLogger(GrantExpiryScheduler.class);
    private static final int BATCH = 100;

    private final AgroalDataSource dataSource;
    private final OrganizationCommands commands;
    private final Duration interval;
    private ScheduledExecutorService executor;

    GrantExpiryScheduler(AgroalDataSource dataSource, OrganizationCommands commands,
                         @ConfigProperty(name = "envguard.grant-expiry.interval", defaultValue = "1s")
                         Duration interval) {
        this.dataSource = dataSource;
        this.commands = commands;
        this.interval = interval;
    }

    void start(@Observes StartupEvent event) {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "grant-expiry");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::expireDueGrants, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    void expireDueGrants() {
        try {
            for (ExpireGrant due : dueGrants()) {
                try {
                    commands.sendWithoutWaiting(due, () -> forget(due));
                } catch (RuntimeException e) {
                    LOG.warnf("cannot expire the grant of %s on %s: %s", due.userId(), due.environment(), e.toString());
                }
            }
        } catch (RuntimeException | SQLException e) {
            LOG.warnf("grant expiry round failed: %s", e.toString());
        }
    }

    private List<ExpireGrant> dueGrants() throws SQLException {
        List<ExpireGrant> due = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT organization_id, team_id, environment, user_id, expires_at FROM grant_expiries
                     WHERE expires_at <= now() ORDER BY expires_at LIMIT ?""")) {
            statement.setInt(1, BATCH);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    due.add(new ExpireGrant(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getTimestamp(5).toInstant()));
                }
            }
        }
        return due;
    }

    /** A row whose grant changed meanwhile (the command then does nothing) must not be polled forever. */
    private void forget(ExpireGrant grant) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     DELETE FROM grant_expiries WHERE organization_id = ?::uuid AND team_id = ?::uuid
                     AND environment = ? AND user_id = ?::uuid AND expires_at = ?""")) {
            statement.setString(1, grant.organizationId());
            statement.setString(2, grant.teamId());
            statement.setString(3, grant.environment());
            statement.setString(4, grant.userId());
            statement.setTimestamp(5, java.sql.Timestamp.from(grant.expiresAt()));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

}
