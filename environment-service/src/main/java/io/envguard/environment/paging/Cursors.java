package io.envguard.environment.paging;

import io.envguard.environment.error.DomainException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.UnaryOperator;

/**
 * Cursors of the lists that page by a sort key: the last key of a page, in base64url, so that a page after a removal
 * or an insertion still starts where the previous one ended.
 */
public final class Cursors {

    /** Baseten's {@code PaginationResponseV1}: {@code cursor} is null when there is no next page. */
    public record Pagination(boolean hasMore, String cursor) {
    }

    private Cursors() {
    }

    public static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The key a cursor carries, or null for the first page. {@code validKey} answers the key or throws when it is not
     * a key of this list; any malformed cursor is a 400 naming {@code cursor}.
     */
    public static String decode(String cursor, UnaryOperator<String> validKey) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            return validKey.apply(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | DomainException e) {
            throw DomainException.invalid("cursor", "is not a cursor of this list");
        }
    }

    /** The page size asked for: {@code fallback} when absent, 400 naming {@code limit} outside 1..max. */
    public static int limit(Integer limit, int fallback, int max) {
        int size = limit == null ? fallback : limit;
        if (size < 1 || size > max) {
            throw DomainException.invalid("limit", "must be between 1 and " + max);
        }
        return size;
    }
}
