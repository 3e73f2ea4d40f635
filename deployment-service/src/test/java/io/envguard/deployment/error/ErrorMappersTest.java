package io.envguard.deployment.error;

import io.envguard.edge.error.ApiException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorMappersTest {

    @Test
    void aRefusedOrLostDatabaseConnectionAnywhereInTheCausesIsUnreachable() {
        assertTrue(ErrorMappers.isDatabaseUnreachable(new IllegalStateException("wrapped", new ConnectException("refused"))));
        assertTrue(ErrorMappers.isDatabaseUnreachable(ClosedConnectionException.INSTANCE));
        assertFalse(ErrorMappers.isDatabaseUnreachable(new IllegalStateException("a bug")));
    }

    @Test
    void extraFieldsOfAnErrorSitBesideItsCodeAndMessage() {
        ApiException denied = new ApiException(403, "ENVIRONMENT_RESTRICTED", "restricted",
                Map.of("environment", "production"));
        assertEquals(Map.of("code", "ENVIRONMENT_RESTRICTED", "message", "restricted", "environment", "production"), denied.body());
        assertEquals(403, ErrorMappers.toResponse(denied).getStatus());
    }
}
