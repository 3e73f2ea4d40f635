package io.envguard.deployment.authz;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Makes a switched-off access check impossible to miss in the log. */
@ApplicationScoped
class CheckSwitchWarning {

    private static final Logger LOG = Logger.getLogger(CheckSwitchWarning.class);

    void onStart(@Observes StartupEvent event, AuthzConfig config) {
        if (!config.checkEnabled()) {
            LOG.warn("envguard.authz.check-enabled=false: guarded changes are NOT checked against authz-service. "
                    + "This setting is for benchmarking only; restricted environments are not protected.");
        }
    }
}
