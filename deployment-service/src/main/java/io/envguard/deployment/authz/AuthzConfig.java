package io.envguard.deployment.authz;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "envguard.authz")
public interface AuthzConfig {

    /**
     * Whether guarded changes ask authz-service before they are made. For benchmarking only (measuring what the check
     * costs): with {@code false} every member may change every environment. Never turn it off in a real deployment.
     */
    @WithDefault("true")
    boolean checkEnabled();
}
