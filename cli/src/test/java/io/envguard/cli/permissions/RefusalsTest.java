package io.envguard.cli.permissions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.envguard.cli.ExitCode;
import io.envguard.cli.Failure;
import io.envguard.cli.api.Credential;
import io.envguard.cli.api.EnvguardApi;
import io.envguard.cli.api.Transport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RefusalsTest {

    @Test
    void aRefusalNamesTheEnvironmentTheActionAndTheReasonInWords() throws IOException {
        Failure failure = Refusals.refused(apiThatDoesNotAnswer(), null, "production", "UPDATE_AUTOSCALING",
                "GRANT_EXPIRED");
        assertEquals(ExitCode.REFUSED, failure.exitCode());
        // Who can grant access is left out when the group cannot be read; the refusal is said all the same.
        assertEquals(List.of("refused: update autoscaling in environment \"production\"",
                "reason: GRANT_EXPIRED (your grant on this environment has expired)",
                "nothing was changed."), failure.lines());
        assertEquals("GRANT_EXPIRED", failure.details().get("reason"));
        assertEquals("UPDATE_AUTOSCALING", failure.details().get("action"));
    }

    @Test
    void everyReasonOfTheContractHasWords() {
        for (String reason : List.of("NOT_GRANTED", "GRANT_EXPIRED", "ADMIN_DEMOTED", "NOT_IN_TEAM", "NOT_A_MEMBER")) {
            String explained = Refusals.explain(reason);
            assertTrue(explained.startsWith(reason + " (") && explained.length() > reason.length() + 10, explained);
        }
        assertEquals("SOMETHING_NEW", Refusals.explain("SOMETHING_NEW"));
    }

    private static EnvguardApi apiThatDoesNotAnswer() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ObjectMapper json = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        return new EnvguardApi(new Transport("http://127.0.0.1:" + port, new Credential("a.b"), json), json);
    }
}
