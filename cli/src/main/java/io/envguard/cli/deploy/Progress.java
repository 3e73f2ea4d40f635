package io.envguard.cli.deploy;

import io.envguard.cli.output.Output;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Shows that something is being waited for: on a terminal a line redrawn with the time elapsed, elsewhere (CI logs)
 * one line when it starts and one when it ends. Always on standard error.
 */
final class Progress {

    private static final long TICK_MILLIS = 200;

    private Progress() {
    }

    static <T> T during(Output output, boolean terminal, String what, Supplier<T> work) {
        long start = System.nanoTime();
        Thread ticker = null;
        if (terminal) {
            ticker = new Thread(() -> {
                String[] spinner = {"|", "/", "-", "\\"};
                int frame = 0;
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        output.err().printf("\r%s %s %.1fs", spinner[frame++ % spinner.length], what, seconds(start));
                        output.err().flush();
                        Thread.sleep(TICK_MILLIS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "progress");
            ticker.setDaemon(true);
            ticker.start();
        } else {
            output.progress(what + " ...");
        }
        boolean done = false;
        try {
            T result = work.get();
            done = true;
            return result;
        } finally {
            if (ticker != null) {
                ticker.interrupt();
                try {
                    ticker.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                output.err().print("\r\033[K");
            }
            output.progress(String.format("%s: %s after %.1fs", what, done ? "done" : "failed", seconds(start)));
        }
    }

    private static double seconds(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis() / 1000.0;
    }
}
