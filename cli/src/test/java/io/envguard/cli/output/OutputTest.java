package io.envguard.cli.output;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.envguard.cli.ExitCode;
import io.envguard.cli.Failure;
import io.envguard.cli.api.EnvguardApi.GroupUser;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void tablesAlignColumnsAndShowEmptyCellsAsDashes() {
        String table = new Table("user id", "name", "expires")
                .row("u-1", "Grace Hopper", null)
                .row("u-22", "Alan", "2026-11-28T16:00:00Z")
                .render();
        assertEquals("""
                USER ID  NAME          EXPIRES
                u-1      Grace Hopper  -
                u-22     Alan          2026-11-28T16:00:00Z
                """, table);
    }

    @Test
    void aRowOfTheWrongWidthIsAMistake() {
        assertThrows(IllegalArgumentException.class, () -> new Table("a", "b").row("only one"));
    }

    @Test
    void jsonOutputIsTheResultInSnakeCaseAndNothingElse() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Output output = new Output(Output.Format.JSON, new PrintWriter(out), new PrintWriter(err), JSON);
        output.progress("promoting ...");
        output.print(List.of(new GroupUser("u-1", "g@example.com", "Grace", "GRANT", null)), () -> "not this");

        JsonNode parsed = JSON.readTree(out.toString());
        assertEquals("u-1", parsed.get(0).get("user_id").asText());
        assertEquals("GRANT", parsed.get(0).get("via").asText());
        assertFalse(parsed.get(0).has("expires_at"));
        assertEquals("promoting ...\n", err.toString());
    }

    @Test
    void tableOutputIsWhatTheCommandRenders() {
        StringWriter out = new StringWriter();
        Output output = new Output(Output.Format.TABLE, new PrintWriter(out), new PrintWriter(new StringWriter()), JSON);
        output.print(List.of(1, 2), () -> "two items");
        assertEquals("two items\n", out.toString());
    }

    @Test
    void spansCountForwardForExpiriesAndBackForSince() {
        assertEquals(Instant.parse("2026-11-28T16:00:00Z"), Instants.ahead("4h", NOW));
        assertEquals(Instant.parse("2026-11-28T12:30:00Z"), Instants.ahead("30m", NOW));
        assertEquals(Instant.parse("2026-11-21T12:00:00Z"), Instants.ago("7d", NOW));
        assertEquals(Instant.parse("2026-12-31T18:00:00Z"), Instants.ahead("2026-12-31T18:00:00Z", NOW));
    }

    @Test
    void anUnreadableTimeIsInvalidInput() {
        Failure failure = assertThrows(Failure.class, () -> Instants.ahead("tomorrow", NOW));
        assertEquals(ExitCode.INVALID_INPUT, failure.exitCode());
        assertTrue(failure.getMessage().contains("\"tomorrow\""));
    }
}
