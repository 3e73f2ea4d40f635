package io.envguard.deployment.authz;

import io.envguard.edge.bench.BenchProfile;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * At startup: refuses to run with the access check switched off outside the {@code bench} profile, and warms the
 * authz client up (class loading, first connection) so that the first real call does not spend its 250 ms budget on it.
 */
@ApplicationScoped
class AuthzStartup {

    private static final Logger LOG = Logger.getLogger(AuthzStartup.class);

    void onStart(@Observes StartupEvent event, AuthzConfig config, AuthzGateway gateway) {
        refuseAnUncheckedService(config.checkEnabled(), ConfigUtils.getProfiles());
        if (!config.checkEnabled()) {
            LOG.warn("envguard.authz.check-enabled=false in the bench profile: guarded changes are NOT checked against"
                    + " authz-service; restricted environments are not protected.");
        }
        gateway.warmUp().subscribe().with(
                ignored -> LOG.debug("authz client warmed up"),
                failure -> LOG.debugf("authz-service not reachable yet: %s", failure.toString()));
    }

    /** The switch exists to measure what the check costs, on a twin of the service started for that (bench/). */
    static void refuseAnUncheckedService(boolean checkEnabled, List<String> profiles) {
        if (!checkEnabled) {
            BenchProfile.requireForSwitchedOff("envguard.authz.check-enabled=false (ENVGUARD_AUTHZ_CHECK_ENABLED)",
                    "guarded changes unchecked", profiles);
        }
    }
}
