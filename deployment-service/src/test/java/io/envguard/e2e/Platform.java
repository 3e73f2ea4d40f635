package io.envguard.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Stops, kills and starts parts of the running platform through {@code bin/platform}, for the fault tests. */
final class Platform {

    private static final Path ROOT = Path.of(System.getProperty("envguard.root", "..")).toAbsolutePath().normalize();

    private Platform() {
    }

    static void stop(String part) {
        run("stop", part);
    }

    static void start(String part) {
        run("start", part);
    }

    /** A crash: SIGKILL, no chance to flush or deregister. */
    static void kill(String part) {
        try {
            long pid = Long.parseLong(Files.readString(ROOT.resolve(".platform/run/" + part + ".pid")).trim());
            ProcessHandle.of(pid).ifPresent(process -> {
                process.destroyForcibly();
                process.onExit().join();
            });
        } catch (IOException e) {
            throw new IllegalStateException("no pid file for " + part, e);
        }
    }

    private static void run(String command, String part) {
        try {
            Process process = new ProcessBuilder(ROOT.resolve("bin/platform").toString(), command, part)
                    .directory(ROOT.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .start();
            if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("bin/platform " + command + " " + part + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
