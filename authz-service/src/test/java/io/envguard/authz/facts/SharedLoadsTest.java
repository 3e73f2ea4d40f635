package io.envguard.authz.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envguard.authz.support.AuthzTestResources;
import io.envguard.authz.support.History;
import io.envguard.authz.support.Platform;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Checks that miss an organisation at the same time read it from the table once, and get what was projected. */
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
}
