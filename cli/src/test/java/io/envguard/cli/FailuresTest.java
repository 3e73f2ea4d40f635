package io.envguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.envguard.cli.api.ApiErrors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each answer of the platform becomes: the documented exit code and a message that says what happened. */
class FailuresTest {

    private static final String URL = "http://127.0.0.1:8080";

    private static Failure of(int status, String body) throws Exception {
        JsonNode json = Envguard.mapper().readTree(body);
        return Failures.of(ApiErrors.exception(URL, status, json));
    }

    @Test
    void aRestrictedEnvironmentIsRefusedWithItsReason() throws Exception {
        Failure failure = of(403, """
                {"code":"ENVIRONMENT_RESTRICTED","message":"no access","environment":"production",
                 "action":"PROMOTE","reason":"GRANT_EXPIRED","revision":7}""");
        assertEquals(ExitCode.REFUSED, failure.exitCode());
        assertEquals("refused: promote in environment \"production\" (restricted)", failure.lines().get(0));
        assertEquals("reason: GRANT_EXPIRED", failure.lines().get(1));
        assertEquals("GRANT_EXPIRED", failure.details().get("reason"));
    }

    @Test
    void eachStatusHasItsExitCode() throws Exception {
        assertEquals(ExitCode.INVALID_INPUT, of(400, "{\"code\":\"VALIDATION_FAILED\",\"message\":\"bad\",\"fields\":{\"name\":\"too long\"}}").exitCode());
        assertEquals(ExitCode.AUTHENTICATION_FAILED, of(401, "{\"code\":\"UNAUTHENTICATED\"}").exitCode());
        assertEquals(ExitCode.REFUSED, of(403, "{\"code\":\"FORBIDDEN\",\"message\":\"admins only\"}").exitCode());
        assertEquals(ExitCode.NOT_FOUND, of(404, "{\"code\":\"NOT_FOUND\",\"message\":\"no such group\"}").exitCode());
        assertEquals(ExitCode.CONFLICT, of(409, "{\"code\":\"CONFLICT\",\"message\":\"exists\"}").exitCode());
        assertEquals(ExitCode.CONFLICT, of(412, "{\"code\":\"PRECONDITION_FAILED\"}").exitCode());
        assertEquals(ExitCode.UNAVAILABLE, of(429, "{\"code\":\"TOO_MANY_REQUESTS\"}").exitCode());
        assertEquals(ExitCode.UNAVAILABLE, of(502, "\"bad gateway\"").exitCode());
    }

    @Test
    void validationErrorsNameTheirFields() throws Exception {
        Failure failure = of(400, "{\"code\":\"VALIDATION_FAILED\",\"message\":\"invalid\",\"fields\":{\"name\":\"too long\"}}");
        assertTrue(failure.lines().contains("  name: too long"), failure.lines().toString());
    }

    @Test
    void anUndecidedChangeSaysItDidNotHappen() throws Exception {
        Failure failure = of(503, "{\"code\":\"AUTHZ_UNAVAILABLE\",\"message\":\"authz-service did not answer\"}");
        assertEquals(ExitCode.UNAVAILABLE, failure.exitCode());
        assertTrue(failure.getMessage().contains("AUTHZ_UNAVAILABLE"));
        assertTrue(failure.getMessage().contains("the change did NOT happen"));
    }

    @Test
    void aRefusedKeyTellsHowToLogIn() throws Exception {
        Failure failure = of(401, "{\"code\":\"UNAUTHENTICATED\"}");
        assertTrue(failure.getMessage().contains(URL + " did not accept the API key"));
        assertTrue(failure.getMessage().contains("envguard login"));
    }
}
