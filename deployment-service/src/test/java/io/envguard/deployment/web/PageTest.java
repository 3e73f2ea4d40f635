package io.envguard.deployment.web;

import io.envguard.edge.error.ApiException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PageTest {

    @Test
    void aPageWithMoreRowsThanItsLimitPointsToTheNextOne() {
        Page.Request request = Page.Request.of(2, "4");
        Page<Integer> page = request.page(List.of(1, 2, 3), row -> row * 10);
        assertEquals(List.of(10, 20), page.items());
        assertTrue(page.pagination().hasMore());
        assertEquals("6", page.pagination().cursor());
    }

    @Test
    void theLastPageHasNoCursor() {
        Page<Integer> page = Page.Request.of(null, null).page(List.of(1), row -> row);
        assertFalse(page.pagination().hasMore());
        assertNull(page.pagination().cursor());
    }

    @Test
    void limitsOutOfRangeAndForeignCursorsAreInvalid() {
        assertThrows(ApiException.class, () -> Page.Request.of(0, null));
        assertThrows(ApiException.class, () -> Page.Request.of(1001, null));
        assertThrows(ApiException.class, () -> Page.Request.of(10, "abc"));
        assertThrows(ApiException.class, () -> Page.Request.of(10, "-3"));
    }
}
