package io.envguard.environment.consistency;

import io.envguard.edge.error.ApiException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PropagationAwaiterTest {

    private static final String ORG = "5d0c6a8e-3f1b-4b7a-9c2d-1e4f5a6b7c8d";

    @Test
    void aChangeConfirmedByAuthzIsAnsweredWithTheCallersCredentialForwarded() {
        AtomicReference<String> forwarded = new AtomicReference<>();
        PropagationAwaiter awaiter = new PropagationAwaiter((org, atLeast, waitMs, authorization) -> {
            forwarded.set(org + "@" + atLeast + " within " + waitMs + " as " + authorization);
            return Response.ok().build();
        }, consistency(true));
        assertDoesNotThrow(() -> awaiter.await(ORG, 7, "Bearer t", false));
        assertEquals(ORG + "@7 within 5000 as Bearer t", forwarded.get());
    }

    @Test
    void aChangeAuthzHasNotReachedInTimeIsAnsweredAuthzUnavailableWithItsRevision() {
        PropagationAwaiter awaiter = new PropagationAwaiter((org, atLeast, waitMs, authorization) ->
                Response.status(503).build(), consistency(true));
        ApiException error = assertThrows(ApiException.class, () -> awaiter.await(ORG, 7, "Bearer t", false));
        assertEquals(503, error.status());
        assertEquals("AUTHZ_UNAVAILABLE", error.code());
        assertEquals(7L, error.details().get("revision"));
    }

    @Test
    void anUnreachableAuthzIsAuthzUnavailable() {
        PropagationAwaiter awaiter = new PropagationAwaiter((org, atLeast, waitMs, authorization) -> {
            throw new ProcessingException("connection refused");
        }, consistency(true));
        assertThrows(ApiException.class, () -> awaiter.await(ORG, 3, "Bearer t", false));
    }

    @Test
    void authzRefusingACredentialTheChangeEndedConfirmsTheChange() {
        PropagationAwaiter awaiter = new PropagationAwaiter((org, atLeast, waitMs, authorization) ->
                Response.status(401).build(), consistency(true));
        assertDoesNotThrow(() -> awaiter.await(ORG, 9, "Api-Key k", true));
        assertThrows(ApiException.class, () -> awaiter.await(ORG, 9, "Api-Key k", false));
    }

    @Test
    void nothingIsAwaitedWhenPropagationIsSwitchedOff() {
        PropagationAwaiter awaiter = new PropagationAwaiter((org, atLeast, waitMs, authorization) -> {
            throw new AssertionError("authz must not be called");
        }, consistency(false));
        assertDoesNotThrow(() -> awaiter.await(ORG, 1, "Bearer t", false));
    }

    private static Consistency consistency(boolean await) {
        return new Consistency() {
            @Override
            public boolean awaitPropagation() {
                return await;
            }

            @Override
            public Duration propagationTimeout() {
                return Duration.ofSeconds(5);
            }
        };
    }
}
