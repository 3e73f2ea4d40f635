package io.envguard.environment.consistency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How a change waits until authz-service has applied it (API.md §7). */
@ConfigMapping(prefix = "envguard.consistency")
public interface Consistency {

    /** Wait for authz-service before answering a change; off only where authz-service is not running (module tests). */
    @WithDefault("true")
    boolean awaitPropagation();

    /** How long authz-service may take to reach the change's revision. */
    @WithDefault("5s")
    Duration propagationTimeout();
}
