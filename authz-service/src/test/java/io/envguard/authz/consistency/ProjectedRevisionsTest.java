package io.envguard.authz.consistency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Waiting for a revision: woken by the projection, bounded in time, and one waiter's timeout harms no other. */
class ProjectedRevisionsTest {

    private final ProjectedRevisions revisions = new ProjectedRevisions();

    private static Uni<Long> stored(long revision) {
        return Uni.createFrom().item(revision);
    }

    @Test
    void anUnknownOrganisationStartsFromItsStoredPosition() {
        long reached = revisions.await("org", 3, Duration.ZERO, id -> stored(3)).await().indefinitely();
        assertEquals(3, reached);
        assertEquals(3, revisions.current("org"));
    }

    @Test
    void aWaiterIsWokenWhenTheRevisionIsReached() throws Exception {
        revisions.reached("org", 1);
        CompletableFuture<Long> waiting = revisions.await("org", 3, Duration.ofSeconds(5), id -> stored(1))
                .subscribeAsCompletionStage();
        revisions.reached("org", 2);
        assertTrue(!waiting.isDone());
        revisions.reached("org", 3);
        assertEquals(3, waiting.get(2, TimeUnit.SECONDS));
    }

    @Test
    void aWaiterGivesUpAfterTheBoundWithTheRevisionItSaw() {
        revisions.reached("org", 1);
        long started = System.nanoTime();
        long seen = revisions.await("org", 5, Duration.ofMillis(200), id -> stored(1)).await().indefinitely();
        long waitedMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals(1, seen);
        assertTrue(waitedMs >= 190 && waitedMs < 2_000, "waited " + waitedMs + " ms");
    }

    @Test
    void oneWaiterTimingOutDoesNotCancelAnother() throws Exception {
        revisions.reached("org", 1);
        CompletableFuture<Long> patient = revisions.await("org", 2, Duration.ofSeconds(5), id -> stored(1))
                .subscribeAsCompletionStage();
        assertEquals(1, revisions.await("org", 2, Duration.ofMillis(50), id -> stored(1)).await().indefinitely());
        revisions.reached("org", 2);
        assertEquals(2, patient.get(2, TimeUnit.SECONDS));
    }

    @Test
    void theRevisionNeverGoesBack() {
        revisions.reached("org", 5);
        revisions.reached("org", 4);
        assertEquals(5, revisions.current("org"));
    }
}
