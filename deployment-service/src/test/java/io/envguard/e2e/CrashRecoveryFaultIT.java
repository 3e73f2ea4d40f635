package io.envguard.e2e;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crashes (SIGKILL) of the Kafka broker and of environment-service in the middle of a stream of grants and revocations,
 * and of environment-service holding changes it stored but could not publish yet: afterwards the access table equals
 * what the event store holds — no change lost, none applied twice.
 */
@ExtendWith(SettledPlatform.class)
class CrashRecoveryFaultIT {

    private static final Duration CATCH_UP_LIMIT = Duration.ofSeconds(60);

    @AfterEach
    void everythingIsBack() {
        Platform.start("kafka");
        Platform.start("environment");
    }

    @Test
    void theAccessTableEqualsTheEventStoreAfterTheBrokerCrashes() throws InterruptedException {
        GrantChurn churn = new GrantChurn("broker-crash", 6);
        churn.start();
        pause(1500);
        Platform.kill("kafka");
        pause(3000);
        Platform.start("kafka");
        pause(1500);
        int calls = churn.stop();

        Duration catchUp = churn.awaitConvergence(CATCH_UP_LIMIT);
        Duration newOrganizations = Platform.awaitChangesEffective(CATCH_UP_LIMIT);
        System.out.printf("broker crash: %d grant/revoke calls, caught up %d ms after the last one; new organisations "
                + "on every partition effective %d ms later%n", calls, catchUp.toMillis(), newOrganizations.toMillis());
        assertTrue(calls > 0);
    }

    @Test
    void eventsStoredBeforeAPublisherCrashArePublishedAfterItsRestart() throws InterruptedException {
        GrantChurn churn = new GrantChurn("publisher-crash", 6);
        churn.start();
        pause(1500);
        Platform.kill("environment");
        pause(1000);
        Platform.start("environment");
        pause(1500);
        int calls = churn.stop();

        Duration catchUp = churn.awaitConvergence(CATCH_UP_LIMIT);
        System.out.printf("environment-service crash: %d grant/revoke calls, caught up %d ms after the last one%n",
                calls, catchUp.toMillis());
        assertTrue(calls > 0);
    }

    /**
     * Exactly between storing and publishing: with the broker stopped, grants are stored but cannot be published
     * (each answered 503, recorded but not yet effective), then environment-service is killed. After both restart, the
     * stored grants are published and applied, once: decisions match the stored grants at the stored revision.
     */
    @Test
    void changesStoredButNotYetPublishedWhenThePublisherCrashesArePublishedOnceAfterItsRestart() {
        GrantChurn churn = new GrantChurn("unpublished", 2);
        Platform.stop("kafka");
        for (int user = 0; user < 2; user++) {
            assertEquals(503, churn.set(user, true), "a grant stored while the broker is down is not yet effective");
        }
        Platform.kill("environment");
        Platform.start("kafka");
        Platform.start("environment");

        Duration catchUp = churn.awaitConvergence(CATCH_UP_LIMIT);
        System.out.printf("environment-service crash with 2 stored, unpublished grants: applied %d ms after its "
                + "restart%n", catchUp.toMillis());
    }

    private static void pause(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }
}
