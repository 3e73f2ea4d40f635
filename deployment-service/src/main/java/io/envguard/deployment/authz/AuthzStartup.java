package io.envguard.deployment.authz;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * At startup: makes a switched-off access check impossible to miss in the log, and warms the authz client up (class
 * loading, first connection) so that the first real call does not spend its 250 ms budget on it.
 */
@ApplicationScoped
class AuthzStartup {

    private static final Logger LOG = Logger.getLogger(AuthzStartup.class);

    void onStart(@Observes StartupEvent event, AuthzConfig config, AuthzGateway gateway) {
        if (!config.checkEnabled()) {
            LOG.warn("envguard.authz.check-enabled=false: guarded changes are NOT checked against authz-service. "
                    + "This setting is for benchmarking only; restricted environments are not protected.");
        }
        gateway.warmUp().subscribe().with(
                ignored -> LOG.debug("authz client warmed up"),
                failure -> LOG.debugf("authz-service not reachable yet: %s", failure.toString()));
    }
}
