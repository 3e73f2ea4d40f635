package io.envguard.environment.projection;

import io.agroal.api.AgroalDataSource;
import io.envguard.contract.event.EnvironmentEvent.AccessGranted;
import io.envguard.contract.event.EnvironmentEvent.AccessRevoked;
import io.envguard.contract.event.EnvironmentEvent.ApiKeyCreated;
import io.envguard.contract.event.EnvironmentEvent.ApiKeyDeleted;
import io.envguard.contract.event.EnvironmentEvent.EnvironmentGroupUnrestricted;
import io.envguard.contract.event.EnvironmentEvent.GrantExpired;
import io.envguard.contract.event.EnvironmentEvent.MemberRemoved;
import io.envguard.contract.event.EnvironmentEvent.TeamMemberRemoved;
import jakarta.inject.Singleton;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.SourceId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * Tables that must change in the same transaction as the events (a subscribing processor runs inside the command's
 * transaction): API key hashes for authentication, due grants for the expiry scheduler, and the users' organisation.
 */
@Singleton // not proxied: Axon reads the annotations of the class it is given
@ProcessingGroup(TransactionalProjection.PROCESSING_GROUP)
public class TransactionalProjection {

    public static final String PROCESSING_GROUP = "transactional-projection";

    private final AgroalDataSource dataSource;

    TransactionalProjection(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @EventHandler
    void on(MemberRemoved event, @SourceId String organizationId) throws SQLException {
        update("UPDATE users SET organization_id = NULL WHERE user_id = ? AND organization_id = ?",
                uuid(event.userId()), uuid(organizationId));
        update("DELETE FROM api_keys WHERE user_id = ?", uuid(event.userId()));
        update("DELETE FROM grant_expiries WHERE organization_id = ? AND user_id = ?",
                uuid(organizationId), uuid(event.userId()));
    }

    @EventHandler
    void on(TeamMemberRemoved event, @SourceId String organizationId) throws SQLException {
        update("DELETE FROM grant_expiries WHERE organization_id = ? AND team_id = ? AND user_id = ?",
                uuid(organizationId), uuid(event.teamId()), uuid(event.userId()));
    }

    @EventHandler
    void on(AccessGranted event, @SourceId String organizationId) throws SQLException {
        if (event.expiresAt() == null) {
            deleteExpiry(organizationId, event.teamId(), event.environment(), event.userId());
        } else {
            update("""
                    INSERT INTO grant_expiries (organization_id, team_id, environment, user_id, expires_at)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (organization_id, team_id, environment, user_id)
                    DO UPDATE SET expires_at = EXCLUDED.expires_at""",
                    uuid(organizationId), uuid(event.teamId()), event.environment(), uuid(event.userId()),
                    java.sql.Timestamp.from(event.expiresAt()));
        }
    }

    @EventHandler
    void on(AccessRevoked event, @SourceId String organizationId) throws SQLException {
        deleteExpiry(organizationId, event.teamId(), event.environment(), event.userId());
    }

    @EventHandler
    void on(GrantExpired event, @SourceId String organizationId) throws SQLException {
        deleteExpiry(organizationId, event.teamId(), event.environment(), event.userId());
    }

    @EventHandler
    void on(EnvironmentGroupUnrestricted event, @SourceId String organizationId) throws SQLException {
        update("DELETE FROM grant_expiries WHERE organization_id = ? AND team_id = ? AND environment = ?",
                uuid(organizationId), uuid(event.teamId()), event.environment());
    }

    @EventHandler
    void on(ApiKeyCreated event, @SourceId String organizationId, @Timestamp Instant at) throws SQLException {
        update("INSERT INTO api_keys (prefix, organization_id, user_id, secret_sha256, created_at) VALUES (?, ?, ?, ?, ?)",
                event.prefix(), uuid(organizationId), uuid(event.userId()), event.secretSha256(),
                java.sql.Timestamp.from(at));
    }

    @EventHandler
    void on(ApiKeyDeleted event) throws SQLException {
        update("DELETE FROM api_keys WHERE prefix = ?", event.prefix());
    }

    private void deleteExpiry(String organizationId, String teamId, String environment, String userId)
            throws SQLException {
        update("DELETE FROM grant_expiries WHERE organization_id = ? AND team_id = ? AND environment = ? AND user_id = ?",
                uuid(organizationId), uuid(teamId), environment, uuid(userId));
    }

    private void update(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    private static UUID uuid(String id) {
        return UUID.fromString(id);
    }
}
