package io.envguard.deployment.authz;

import io.envguard.deployment.testing.Fixtures;
import io.envguard.deployment.testing.Fixtures.User;
import io.envguard.deployment.testing.RandomWrites;
import io.envguard.deployment.testing.RandomWrites.Target;
import io.envguard.deployment.testing.RandomWrites.Write;
import io.envguard.deployment.testing.TestPlatform;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.envguard.deployment.testing.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The promise of a restricted environment as an invariant: whatever a member without access writes, in whatever order
 * and through whichever path, what every restricted environment serves stays byte for byte as it was. The writes are
 * random and seeded ({@code -Denvguard.invariant.seed=N} repeats a run; the seed is printed), over two models and two
 * chains whose production deployment is also current in an unrestricted environment.
 */
@QuarkusTest
@WithTestResource(TestPlatform.class)
class RestrictedInvariantTest {

    private static final List<String> RESTRICTED = List.of("production", "secure");
    private static final int WRITES = Integer.getInteger("envguard.invariant.writes", 1000);
    /** Served state is compared after this many writes, and at the end. */
    private static final int CHECK_EVERY = 50;

    @Test
    void randomWritesOfAMemberWithoutAccessLeaveEveryRestrictedEnvironmentAsItWas() {
        long seed = Long.getLong("envguard.invariant.seed", new SecureRandom().nextLong());
        System.out.println("RestrictedInvariantTest: seed " + seed + " (repeat with -Denvguard.invariant.seed=" + seed + ")");
        Fixtures.authz().reset();
        String organization = "org-invariant-" + UUID.randomUUID();
        User admin = Fixtures.user("owner", organization, "ADMIN", List.of("team-invariant"));
        User member = Fixtures.user("member", organization, "MEMBER", List.of("team-invariant"));
        List<Target> targets = List.of(RandomWrites.setUp(() -> as(admin), "models"), RandomWrites.setUp(() -> as(admin), "models"),
                RandomWrites.setUp(() -> as(admin), "chains"), RandomWrites.setUp(() -> as(admin), "chains"));
        RESTRICTED.forEach(Fixtures.authz()::restrict);
        Map<String, String> before = RandomWrites.servedState(() -> as(admin), targets, RESTRICTED);

        RandomWrites writes = new RandomWrites(seed, () -> as(member), targets);
        List<String> madeSinceCheck = new ArrayList<>();
        for (int i = 1; i <= WRITES; i++) {
            Write write = writes.next();
            Response response = write.response();
            String context = "seed " + seed + ", write " + i + ": " + write.description();
            assertTrue(RandomWrites.isExpected(response),
                    context + " answered " + response.statusCode() + " " + response.asString());
            if (response.statusCode() == 403) {
                assertEquals("ENVIRONMENT_RESTRICTED", response.path("code"), context);
                assertTrue(RESTRICTED.contains(response.<String>path("environment")), context + ": " + response.asString());
            }
            if (response.statusCode() < 300) {
                madeSinceCheck.add(i + ": " + write.description());
            }
            if (i % CHECK_EVERY == 0 || i == WRITES) {
                assertEquals(before, RandomWrites.servedState(() -> as(admin), targets, RESTRICTED),
                        "seed " + seed + ": a restricted environment changed during writes " + madeSinceCheck);
                madeSinceCheck.clear();
            }
        }
        System.out.println("RestrictedInvariantTest: seed " + seed + ", " + WRITES + " writes, by answer: " + writes.statuses());

        int allowed = writes.statuses().entrySet().stream().filter(e -> e.getKey().startsWith("2")).mapToInt(Map.Entry::getValue).sum();
        int denied = writes.statuses().entrySet().stream().filter(e -> e.getKey().startsWith("403")).mapToInt(Map.Entry::getValue).sum();
        assertTrue(allowed > WRITES / 10, "the member changed too little for the run to mean anything: " + writes.statuses());
        assertTrue(denied > WRITES / 20, "the member was refused too rarely for the run to mean anything: " + writes.statuses());
        everyAuditEntryNamesTheEnvironmentsChecked(admin, member);
    }

    private static void everyAuditEntryNamesTheEnvironmentsChecked(User admin, User member) {
        List<Map<String, Object>> entries = as(admin).get("/v1/audit_logs?limit=100&user_id=" + member.userId())
                .then().statusCode(200).extract().path("items");
        assertTrue(entries.size() > 10, "audit entries of the member: " + entries.size());
        for (Map<String, Object> entry : entries) {
            @SuppressWarnings("unchecked")
            List<String> checked = (List<String>) entry.get("checked_environments");
            Object environment = entry.get("environment");
            if (environment != null) {
                assertTrue(checked.contains(environment), "an entry that does not name its own environment as checked: " + entry);
            }
            if ("DENIED".equals(entry.get("outcome"))) {
                assertTrue(RESTRICTED.contains(environment), "a denial of an unrestricted environment: " + entry);
            }
        }
    }
}
