package io.envguard.e2e;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crashes (SIGKILL) of the Kafka broker and of environment-service in the middle of a stream of grants and revocations:
 * afterwards the access table equals what the event store holds — no change lost, none applied twice.
 */
class CrashRecoveryFaultIT {

    private static final Duration CATCH_UP_LIMIT = Duration.ofSeconds(60);

    @BeforeEach
    void changesAreEffective() {
        Platform.awaitChangesEffective(CATCH_UP_LIMIT);
    }

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

    private static void pause(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }
}
