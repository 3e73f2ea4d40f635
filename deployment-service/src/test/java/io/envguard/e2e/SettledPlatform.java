package io.envguard.e2e;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;

/**
 * Starts each fault test on a platform that takes changes end to end again: an earlier fault may still be settling (a
 * broker crash leaves the consumer group rebalancing for a while). See {@link Platform#awaitChangesEffective}.
 */
final class SettledPlatform implements BeforeEachCallback {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @Override
    public void beforeEach(ExtensionContext context) {
        Platform.awaitChangesEffective(LIMIT);
    }
}
