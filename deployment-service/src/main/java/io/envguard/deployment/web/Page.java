package io.envguard.deployment.web;

import io.envguard.edge.error.ApiException;
import java.util.List;
import java.util.function.Function;

/** The list shape of the platform: {@code {"items": [...], "pagination": {"has_more", "cursor"}}}. */
public record Page<T>(List<T> items, Pagination pagination) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public record Pagination(boolean hasMore, String cursor) {
    }

    /** Where a page starts and how long it is, read from {@code ?limit=&cursor=} (the cursor is an opaque offset). */
    public record Request(int offset, int limit) {

        public static Request of(Integer limit, String cursor) {
            int size = limit == null ? DEFAULT_LIMIT : limit;
            if (size < 1 || size > MAX_LIMIT) {
                throw ApiException.validation("limit", "must be between 1 and " + MAX_LIMIT);
            }
            int offset = 0;
            if (cursor != null && !cursor.isBlank()) {
                try {
                    offset = Integer.parseInt(cursor);
                } catch (NumberFormatException e) {
                    offset = -1;
                }
                if (offset < 0) {
                    throw ApiException.validation("cursor", "is not a cursor this API returned");
                }
            }
            return new Request(offset, size);
        }

        /** Builds the page from up to {@code limit + 1} rows fetched from {@code offset}. */
        public <E, T> Page<T> page(List<E> rows, Function<E, T> view) {
            boolean hasMore = rows.size() > limit;
            List<T> items = rows.stream().limit(limit).map(view).toList();
            return new Page<>(items, new Pagination(hasMore, hasMore ? String.valueOf(offset + limit) : null));
        }
    }
}
