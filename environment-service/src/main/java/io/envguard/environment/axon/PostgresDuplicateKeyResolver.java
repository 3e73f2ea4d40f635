package io.envguard.environment.axon;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

import java.sql.SQLException;

/**
 * Tells Axon that an insert hit a unique key (SQLSTATE 23505): two commands appended the same sequence number of one
 * aggregate, so the later one gets a {@code ConcurrencyException} instead of an opaque SQL error.
 */
final class PostgresDuplicateKeyResolver implements PersistenceExceptionResolver {

    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
