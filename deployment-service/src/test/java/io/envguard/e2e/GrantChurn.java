package io.envguard.e2e;

import io.envguard.e2e.Gateway.Organization;
import io.envguard.e2e.Gateway.User;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.envguard.e2e.Gateway.as;

/**
 * A restricted {@code production} whose grants an admin keeps changing, for the fault tests: while a part of the platform
 * is crashed and restarted, grants and revocations go on; afterwards every user's access as authz-service decides it must
 * equal the grants environment-service stored — nothing lost, nothing applied twice.
 */
final class GrantChurn {

    private final Organization organization;
    private final List<User> users = new ArrayList<>();
    private final String modelId;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger attempted = new AtomicInteger();
    private Thread thread;

    GrantChurn(String label, int userCount) {
        organization = Gateway.newOrganization(label);
        for (int i = 0; i < userCount; i++) {
            users.add(Gateway.newMember(organization, label + i, "MEMBER"));
        }
        as(organization.admin()).body(Map.of("manage_access", Map.of("is_restricted", true, "user_ids", List.of())))
                .patch("/v1/environment_groups/production").then().statusCode(200);
        modelId = as(organization.admin()).body(Map.of("name", label)).post("/v1/models")
                .then().statusCode(200).extract().path("model.id");
    }

    /** Grants and revokes at random, one call after another, until {@link #stop()}; failed calls are expected. */
    void start() {
        running.set(true);
        Random random = new Random(42);
        thread = new Thread(() -> {
            while (running.get()) {
                User user = users.get(random.nextInt(users.size()));
                String path = "/v1/environment_groups/production/grants/" + user.id();
                try {
                    if (random.nextBoolean()) {
                        as(organization.admin()).body(Map.of()).put(path);
                    } else {
                        as(organization.admin()).delete(path);
                    }
                } catch (RuntimeException connectionRefusedOrReset) {
                    pause(100);
                }
                attempted.incrementAndGet();
            }
        }, "grant-churn");
        thread.start();
    }

    /** One grant, or revocation, of the {@code index}-th user's access to production; returns the HTTP status. */
    int set(int index, boolean granted) {
        String path = "/v1/environment_groups/production/grants/" + users.get(index).id();
        return granted
                ? as(organization.admin()).body(Map.of()).put(path).statusCode()
                : as(organization.admin()).delete(path).statusCode();
    }

    int stop() throws InterruptedException {
        running.set(false);
        thread.join();
        return attempted.get();
    }

    /** Waits until authz-service's decisions equal the stored grants; returns how long that took. */
    Duration awaitConvergence(Duration limit) {
        Instant start = Instant.now();
        Instant deadline = start.plus(limit);
        String mismatch;
        while ((mismatch = mismatch()) != null) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not converged after " + limit + ": " + mismatch);
            }
            pause(200);
        }
        return Duration.between(start, Instant.now());
    }

    /** A description of the first difference between stored grants and decisions, or null when there is none. */
    private String mismatch() {
        var group = as(organization.admin()).get("/v1/environment_groups/production");
        if (group.statusCode() != 200) {
            return "environment group answers " + group.statusCode();
        }
        Set<String> granted = new HashSet<>(group.jsonPath().getList(
                "manage_access.users.findAll { it.via == 'GRANT' }.user_id", String.class));
        long storedRevision = group.jsonPath().getLong("revision");
        for (User user : users) {
            var check = as(organization.admin())
                    .body(Map.of("action", "PROMOTE", "model_id", modelId, "environment", "production",
                            "user_id", user.id()))
                    .post("/v1/permissions/check");
            if (check.statusCode() != 200) {
                return "check answers " + check.statusCode();
            }
            boolean allowed = check.jsonPath().getBoolean("allowed");
            if (allowed != granted.contains(user.id())) {
                return user.id() + " allowed=" + allowed + " but granted=" + granted.contains(user.id());
            }
            long decidedAt = check.jsonPath().getLong("revision");
            if (decidedAt != storedRevision) {
                return "decided at revision " + decidedAt + ", stored revision " + storedRevision;
            }
        }
        return null;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
