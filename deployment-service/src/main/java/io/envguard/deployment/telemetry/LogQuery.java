package io.envguard.deployment.telemetry;

import io.envguard.edge.error.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which log lines to fetch: the query of {@code GET .../logs} and the body of {@code POST .../deployments/{id}/logs}
 * (Baseten's GetDeploymentLogsRequestV1), every field optional. {@link #resolve(Instant)} checks it and fills in the
 * defaults: the 30 minutes before {@code end_epoch_millis} (now), oldest first, at most 500 lines.
 */
public record LogQuery(Long startEpochMillis, Long endEpochMillis, String direction, Integer limit, String minLevel,
                       String replica, String requestId, String component, String searchPattern,
                       List<String> includes, List<String> excludes) {

    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(30);
    static final Duration MAX_WINDOW = Duration.ofDays(7);
    private static final int MAX_FILTER_LENGTH = 256;
    private static final int MAX_SUBSTRINGS = 8;

    /** The query checked, with its defaults: the window, the order, the limit and the filters. */
    public record Resolved(Instant start, Instant end, boolean descending, int limit, LogLevel minLevel,
                           boolean byReplicaOrRequest, Pattern pattern, List<String> includes, List<String> excludes) {
    }

    /** From query parameters, which arrive as text: a number that is not one is named like any other problem. */
    public static LogQuery fromQuery(String start, String end, String direction, String limit, String minLevel,
                                     String replica, String requestId, String component, String searchPattern,
                                     List<String> includes, List<String> excludes) {
        Map<String, String> problems = new LinkedHashMap<>();
        LogQuery query = new LogQuery(number(start, "start_epoch_millis", problems), number(end, "end_epoch_millis", problems),
                direction, limit == null ? null : intOf(number(limit, "limit", problems)), minLevel, replica, requestId,
                component, searchPattern, includes, excludes);
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
        return query;
    }

    public Resolved resolve(Instant now) {
        Map<String, String> problems = new LinkedHashMap<>();
        Instant end = endEpochMillis == null ? now : Instant.ofEpochMilli(endEpochMillis);
        Instant start = startEpochMillis == null ? end.minus(DEFAULT_WINDOW) : Instant.ofEpochMilli(startEpochMillis);
        if (start.isAfter(end)) {
            problems.put("start_epoch_millis", "must not be after end_epoch_millis");
        } else if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
            problems.put("start_epoch_millis", "the window from start to end must not exceed 7 days");
        }
        if (direction != null && !direction.equals("asc") && !direction.equals("desc")) {
            problems.put("direction", "must be asc or desc");
        }
        if (limit != null && (limit < 1 || limit > 1000)) {
            problems.put("limit", "must be 1–1000");
        }
        LogLevel level = null;
        if (minLevel != null) {
            try {
                level = LogLevel.valueOf(minLevel.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.put("min_level", "must be DEBUG, INFO, WARNING or ERROR");
            }
        }
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("replica", replica);
        filters.put("request_id", requestId);
        filters.put("component", component);
        filters.put("search_pattern", searchPattern);
        filters.forEach((field, value) -> {
            if (value != null && value.length() > MAX_FILTER_LENGTH) {
                problems.put(field, "at most " + MAX_FILTER_LENGTH + " characters");
            }
        });
        Pattern pattern = null;
        if (searchPattern != null && !problems.containsKey("search_pattern")) {
            try {
                pattern = Pattern.compile(searchPattern);
            } catch (PatternSyntaxException e) {
                problems.put("search_pattern", "not a regular expression: " + e.getDescription());
            }
        }
        if (includes != null && includes.size() > MAX_SUBSTRINGS) {
            problems.put("includes", "at most " + MAX_SUBSTRINGS + " substrings");
        }
        if (excludes != null && excludes.size() > MAX_SUBSTRINGS) {
            problems.put("excludes", "at most " + MAX_SUBSTRINGS + " substrings");
        }
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
        return new Resolved(start, end, "desc".equals(direction), limit == null ? 500 : limit, level,
                replica != null || requestId != null || component != null, pattern,
                includes == null ? List.of() : includes, excludes == null ? List.of() : excludes);
    }

    /** A whole number given as text, or null when not given; a problem named by its field when it is not one. */
    static Long number(String text, String field, Map<String, String> problems) {
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            problems.put(field, "must be a whole number");
            return null;
        }
    }

    private static Integer intOf(Long value) {
        if (value == null) {
            return null;
        }
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }
}
