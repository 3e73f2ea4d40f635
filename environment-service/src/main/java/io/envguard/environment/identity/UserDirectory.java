package io.envguard.environment.identity;

import io.agroal.api.AgroalDataSource;
import io.envguard.edge.identity.Emails;
import io.envguard.environment.error.DomainException;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code users} table: a stable user id per email (in the one spelling of {@link Emails}), assigned the first time
 * the email is seen, and the one organisation a user may belong to.
 */
@ApplicationScoped
public class UserDirectory {

    private final AgroalDataSource dataSource;

    UserDirectory(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The user with this (normalised) email, created with a new id when unknown. */
    public User findOrCreate(String email, String name) {
        try (Connection connection = dataSource.getConnection()) {
            Optional<User> known = query(connection, "SELECT * FROM users WHERE email = ?", email);
            if (known.isPresent()) {
                return known.get();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO users (user_id, email, name) VALUES (?, ?, ?) ON CONFLICT (email) DO NOTHING")) {
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, email);
                insert.setString(3, name);
                insert.executeUpdate();
            }
            return query(connection, "SELECT * FROM users WHERE email = ?", email).orElseThrow();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<User> byId(String userId) {
        Optional<UUID> id = parseUuid(userId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection()) {
            return query(connection, "SELECT * FROM users WHERE user_id = ?", id.get());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Makes the user a member of the organisation; must run in the transaction that appends the joining event, so a
     * user can never end up in two organisations.
     */
    public void claim(String userId, String organizationId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE users SET organization_id = ? WHERE user_id = ? AND organization_id IS NULL")) {
            update.setObject(1, UUID.fromString(organizationId));
            update.setObject(2, UUID.fromString(userId));
            if (update.executeUpdate() == 0) {
                boolean same = query(connection, "SELECT * FROM users WHERE user_id = ?", UUID.fromString(userId))
                        .map(u -> organizationId.equals(u.organizationId())).orElse(false);
                throw DomainException.conflict(same
                        ? "the user is already a member of this organization"
                        : "the user already belongs to an organization");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<UUID> parseUuid(String id) {
        try {
            return Optional.ofNullable(id).map(UUID::fromString);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<User> query(Connection connection, String sql, Object parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new User(rows.getString("user_id"), rows.getString("email"),
                        rows.getString("name"), rows.getString("organization_id")));
            }
        }
    }
}
