package io.envguard.deployment.authz;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "envguard.authz")
public interface AuthzConfig {

    /**
     * Whether guarded changes ask authz-service before they are made. For benchmarking only (measuring what the check
     * costs): with {@code false} every member may change every environment, so the service refuses to start with it
     * outside the {@code bench} profile ({@link AuthzStartup}).
     */
    @WithDefault("true")
    boolean checkEnabled();
}
