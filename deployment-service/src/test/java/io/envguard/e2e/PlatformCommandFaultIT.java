package io.envguard.e2e;

import io.envguard.e2e.Platform.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/platform} says exactly what runs: an unknown part is a usage error, a crashed part is started again at
 * once, and a port held by anything it did not start is refused by name instead of being mistaken for its own part.
 */
@ExtendWith(SettledPlatform.class)
class PlatformCommandFaultIT {

    private static final Duration SETTLE = Duration.ofSeconds(60);

    @AfterEach
    void authzIsBack() {
        Platform.start("authz");
    }

    @Test
    void anUnknownPartIsAUsageErrorThatListsTheParts() {
        for (String command : new String[] {"stop", "start", "restart", "logs"}) {
            Outcome outcome = Platform.command(Map.of(), command, "authz-service");
            assertEquals(2, outcome.exitCode(), command + ": " + outcome.output());
            assertTrue(outcome.output().contains("unknown part 'authz-service'")
                    && outcome.output().contains("postgres kafka authz environment deployment gateway"), outcome.output());
        }
        assertEquals(0, Platform.command(Map.of(), "status").exitCode(), "the platform is untouched");
    }

    @Test
    void aPartKilledWithSigkillIsStartedAgainRightAway() throws Exception {
        long crashed = Platform.pid("authz");
        new ProcessBuilder("kill", "-KILL", Long.toString(crashed)).start().waitFor();
        // Dead, but not waited for until it is reaped: start must not take an unreaped process for a running one.
        awaitDead(crashed);
        Outcome start = Platform.command(Map.of(), "start", "authz");
        assertEquals(0, start.exitCode(), start.output());
        assertNotEquals(crashed, Platform.pid("authz"), "a new process was started");
        Platform.awaitChangesEffective(SETTLE);
    }

    private static void awaitDead(long pid) throws InterruptedException {
        Path stat = Path.of("/proc/" + pid + "/stat");
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                String[] fields = Files.readString(stat).split("\\) ", 2)[1].split(" ");
                if (fields[0].equals("Z") || fields[0].equals("X")) {
                    return;
                }
            } catch (IOException gone) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("pid " + pid + " still runs 5 s after SIGKILL");
    }

    @Test
    void aPortHeldByAnotherProcessIsRefusedNamingItsHolder() throws IOException {
        Platform.stop("authz");
        long self = ProcessHandle.current().pid();
        try (ServerSocket squatter = new ServerSocket(8082, 50, InetAddress.getLoopbackAddress())) {
            Outcome start = Platform.command(Map.of(), "start", "authz");
            assertNotEquals(0, start.exitCode(), start.output());
            assertTrue(start.output().contains("port 8082") && start.output().contains("pid " + self), start.output());
            assertTrue(Platform.command(Map.of(), "status").output().contains("stopped"), "nothing was started");
        }
        Platform.start("authz");
        Platform.awaitChangesEffective(SETTLE);
    }

    @Test
    void aSecondCheckoutRefusesToStartBesideARunningPlatform() throws IOException {
        Path otherState = Files.createTempDirectory("envguard-second-checkout");
        Outcome up = Platform.command(Map.of("ENVGUARD_STATE_DIR", otherState.toString()), "up");
        assertNotEquals(0, up.exitCode(), up.output());
        assertTrue(up.output().contains("is taken by pid " + Platform.pid("kafka")), up.output());
        assertTrue(!up.output().contains("Envguard is up"), up.output());
        Outcome gateway = Platform.command(Map.of("ENVGUARD_STATE_DIR", otherState.toString()), "start", "gateway");
        assertNotEquals(0, gateway.exitCode(), gateway.output());
        assertTrue(gateway.output().contains("is taken by pid " + Platform.pid("gateway")), gateway.output());
        Platform.awaitChangesEffective(SETTLE);
    }
}
