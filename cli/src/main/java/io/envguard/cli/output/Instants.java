package io.envguard.cli.output;

import io.envguard.cli.ExitCode;
import io.envguard.cli.Failure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times given on the command line: an ISO-8601 instant ({@code 2026-01-31T12:00:00Z}) or a span such as
 * {@code 90s}, {@code 30m}, {@code 4h}, {@code 7d}, counted forwards (an expiry) or backwards (a {@code --since}).
 */
public final class Instants {

    private static final Pattern SPAN = Pattern.compile("(\\d{1,9})([smhd])");

    private Instants() {
    }

    public static Instant ahead(String text, Clock clock) {
        return parse(text, clock, 1);
    }

    public static Instant ago(String text, Clock clock) {
        return parse(text, clock, -1);
    }

    private static Instant parse(String text, Clock clock, int direction) {
        String value = text == null ? "" : text.strip();
        Matcher span = SPAN.matcher(value);
        if (span.matches()) {
            long amount = Long.parseLong(span.group(1));
            Duration duration = switch (span.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return clock.instant().plus(direction > 0 ? duration : duration.negated());
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new Failure(ExitCode.INVALID_INPUT, "\"" + text + "\" is neither a span like 30m, 4h, 7d nor an "
                    + "instant like 2026-01-31T12:00:00Z");
        }
    }
}
