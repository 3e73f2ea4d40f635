package io.envguard.authz.facts;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.envguard.authz.support.AuthzTestResources;
import io.envguard.authz.support.History;
import io.envguard.authz.support.Platform;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Checks that miss an organisation at the same time read it from the table once, and get what was projected: a check
 * that joins a read begun before a change it must see reads again.
 */
@QuarkusTest
@WithTestResource(value = AuthzTestResources.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SharedLoadsTest {

    private static final int CHECKS = 20;

    @Inject
    Platform platform;

    @Inject
    CachedFactsReader reader;

    @Inject
    MeterRegistry registry;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void checksThatMissAnOrganisationTogetherReadItOnce() {
        String id = UUID.randomUUID().toString();
        History org = new History("org-" + id);
        String member = "b-" + id + "@example.com";
        platform.appendAndAwait(org,
                org.organizationCreated("u-admin-" + id, "admin-" + id + "@example.com"),
                org.memberAdded("u-a-" + id, "a-" + id + "@example.com", "MEMBER"),
                org.memberAdded("u-b-" + id, member, "MEMBER"));
        String authorization = Platform.bearer(Platform.jwt(member));
        platform.check(authorization, org, org.defaultTeamId(), "production", "PROMOTE", null).statusCode(200);
        reader.accessTableReplaced(); // nothing in memory any more

        double before = loads();
        ExecutorService callers = Executors.newFixedThreadPool(CHECKS);
        try {
            List<CompletableFuture<Integer>> checks = IntStream.range(0, CHECKS)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> platform
                            .check(authorization, org, org.defaultTeamId(), "production", "PROMOTE", null)
                            .statusCode(200).extract().<Integer>path("revision"), callers))
                    .toList();
            // every check answered from the revision projected, with the member it was asked for
            checks.forEach(check -> assertEquals((int) org.revision(), check.join()));
        } finally {
            callers.shutdownNow();
        }
        assertTrue(loads() - before <= 1, CHECKS + " checks read the organisation " + (loads() - before) + " times");
    }

    private double loads() {
        return registry.get("envguard.facts.loads").counter().count();
    }

    @Test
    void aCheckThatJoinsAReadBegunBeforeAChangeItMustSeeReadsAgain() throws Exception {
        String id = UUID.randomUUID().toString();
        History org = new History("org-stale-" + id);
        String member = "m-" + id + "@example.com";
        platform.appendAndAwait(org,
                org.organizationCreated("u-admin-" + id, "admin-" + id + "@example.com"),
                org.memberAdded("u-m-" + id, member, "MEMBER"),
                org.restricted(org.defaultTeamId(), "production"));
        String authorization = Platform.bearer(Platform.jwt(member));
        long before = org.revision();
        platform.check(authorization, org, org.defaultTeamId(), "production", "PROMOTE", null)
                .statusCode(200).body("allowed", is(false));
        reader.accessTableReplaced(); // the next check reads the organisation from the table

        ExecutorService callers = Executors.newFixedThreadPool(2);
        try (Connection holder = dataSource.getConnection(); Connection observer = dataSource.getConnection()) {
            // The read takes its snapshot at its first query and reads api_key last: held there, it stays at `before`.
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("LOCK TABLE api_key IN ACCESS EXCLUSIVE MODE");
            }
            CompletableFuture<ExtractableResponse<Response>> first = CompletableFuture.supplyAsync(() -> platform
                    .check(authorization, org, org.defaultTeamId(), "production", "PROMOTE", null).extract(), callers);
            awaitWaitingOnApiKey(observer);

            // Made an admin meanwhile: projected while the read is held, so revision `before` + 1 is what checks must see.
            platform.appendAndAwait(org, org.memberRoleChanged("u-m-" + id, "ADMIN", "MEMBER"));
            CompletableFuture<ExtractableResponse<Response>> second = CompletableFuture.supplyAsync(() -> platform
                    .check(authorization, org, org.defaultTeamId(), "production", "PROMOTE", null).extract(), callers);
            Thread.sleep(500); // time to join the held read: it is the only one under way
            assertFalse(second.isDone(), "the second check did not wait for the read under way");
            holder.rollback();

            ExtractableResponse<Response> joined = second.get(30, TimeUnit.SECONDS);
            assertEquals(200, joined.statusCode());
            assertEquals(before + 1, joined.<Number>path("revision").longValue(),
                    "the check was answered from the read begun before the change");
            assertTrue(joined.<Boolean>path("allowed"), "an admin has implicit access: the change was missed");
            // The first check asked before the change: either revision is a right answer for it.
            assertEquals(200, first.get(30, TimeUnit.SECONDS).statusCode());
        } finally {
            callers.shutdownNow();
        }
    }

    /** Until a session of authz-service waits for the lock on api_key. */
    private static void awaitWaitingOnApiKey(Connection observer) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Statement query = observer.createStatement();
                 ResultSet waiting = query.executeQuery(
                         "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'api_key'::regclass")) {
                waiting.next();
                if (waiting.getLong(1) > 0) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no read of the organisation waited for api_key");
    }
}
