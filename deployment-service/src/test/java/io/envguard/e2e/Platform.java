package io.envguard.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Stops, kills and starts parts of the running platform through {@code bin/platform}, for the fault tests. */
final class Platform {

    private static final Path ROOT = Path.of(System.getProperty("envguard.root", "..")).toAbsolutePath().normalize();
    /**
     * Fresh organisations in a row after which every partition of the event topic (6) has most likely taken one:
     * 24 random ids cover 6 partitions 93 times in 100.
     */
    private static final int ORGANIZATIONS_TO_CONFIRM = 24;

    private Platform() {
    }

    static void stop(String part) {
        run("stop", part);
    }

    static void start(String part) {
        run("start", part);
    }

    /**
     * Waits until the platform takes changes again end to end: new organisations (each founded by a new user, as one
     * person belongs to one organisation), each on whichever partition its id falls, are created and confirmed effective (201, not the 503 of a change authz-service has not confirmed). After
     * a broker crash the projection's consumer group rebalances for several seconds after the broker answers again.
     *
     * @return how long it took
     */
    static Duration awaitChangesEffective(Duration limit) {
        Instant start = Instant.now();
        Instant deadline = start.plus(limit);
        int confirmed = 0;
        int lastStatus = 0;
        while (confirmed < ORGANIZATIONS_TO_CONFIRM) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("changes are still not effective after " + limit + ": the last organisation "
                        + "created answered " + lastStatus);
            }
            lastStatus = Gateway.as(Gateway.newUser("settle"))
                    .body(Map.of("name", "settle " + UUID.randomUUID().toString().substring(0, 8)))
                    .post("/v1/organizations").statusCode();
            confirmed = lastStatus == 201 ? confirmed + 1 : 0;
            if (lastStatus != 201) {
                pause(250);
            }
        }
        return Duration.between(start, Instant.now());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A crash: SIGKILL, no chance to flush or deregister. */
    static void kill(String part) {
        ProcessHandle.of(pid(part)).ifPresent(process -> {
            process.destroyForcibly();
            process.onExit().join();
        });
    }

    /** The pid bin/platform recorded for a part. */
    static long pid(String part) {
        try {
            return Long.parseLong(Files.readString(ROOT.resolve(".platform/run/" + part + ".pid")).trim());
        } catch (IOException e) {
            throw new IllegalStateException("no pid file for " + part, e);
        }
    }

    private static void run(String command, String part) {
        Outcome outcome = command(Map.of(), command, part);
        System.out.print(outcome.output());
        if (outcome.exitCode() != 0) {
            throw new IllegalStateException("bin/platform " + command + " " + part + " failed");
        }
    }

    /** Runs {@code bin/platform} with these arguments and extra environment variables, and keeps what it printed. */
    static Outcome command(Map<String, String> environment, String... arguments) {
        try {
            String[] line = new String[arguments.length + 1];
            line[0] = ROOT.resolve("bin/platform").toString();
            System.arraycopy(arguments, 0, line, 1, arguments.length);
            ProcessBuilder builder = new ProcessBuilder(line).directory(ROOT.toFile()).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("bin/platform " + String.join(" ", arguments) + " did not finish");
            }
            return new Outcome(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Outcome(int exitCode, String output) {
    }
}
