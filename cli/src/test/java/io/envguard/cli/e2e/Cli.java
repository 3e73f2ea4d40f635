package io.envguard.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged CLI ({@code target/envguard.jar}) run as a separate process, as a user or a pipeline runs it. */
final class Cli {

    private static final Path JAR = Path.of(System.getProperty("envguard.cli.jar", "target/envguard.jar"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path home;
    private final Map<String, String> environment;

    private Cli(Path home, Map<String, String> environment) {
        this.home = home;
        this.environment = environment;
    }

    /** A CLI with its own empty home directory (no configuration file) and these variables. */
    static Cli in(Path home, Map<String, String> environment) {
        if (!Files.isRegularFile(JAR)) {
            throw new AssertionError("no packaged CLI at " + JAR.toAbsolutePath() + ": run mvn package first");
        }
        return new Cli(home, environment);
    }

    /** A pipeline: the gateway's URL and this key in the environment. */
    static Cli withKey(Path home, String apiKey) {
        return in(home, Map.of("ENVGUARD_URL", PlatformApi.URL, "ENVGUARD_API_KEY", apiKey));
    }

    record Run(int exitCode, String out, String err, Duration took) {

        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON on standard output: " + out + "\nstandard error: " + err, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    Run run(String... args) {
        return runWithInput("", args);
    }

    /** Runs with {@code input} on standard input, as when a key is piped in. */
    Run runWithInput(String input, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> variables = builder.environment();
        variables.keySet().removeIf(name -> name.startsWith("ENVGUARD_"));
        variables.put("HOME", home.toString());
        variables.putAll(environment);
        try {
            Path out = Files.createTempFile(home, "out", ".txt");
            Path err = Files.createTempFile(home, "err", ".txt");
            builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
            long start = System.nanoTime();
            Process process = builder.start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("envguard " + String.join(" ", args) + " did not end within 120 s");
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), took);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Cli with(String name, String value) {
        Map<String, String> changed = new HashMap<>(environment);
        changed.put(name, value);
        return new Cli(home, changed);
    }
}
