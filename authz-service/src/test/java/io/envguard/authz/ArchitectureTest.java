package io.envguard.authz;

import io.envguard.architecture.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** The rules of {@link ServiceArchitecture} over authz-service's own classes and the contract it uses. */
class ArchitectureTest {

    @Test
    void authzServiceKeepsToTheRulesOfTheArchitecture() {
        ServiceArchitecture.check("io.envguard.authz");
    }

    @Test
    void authzServiceHasNoCycleBetweenItsPackages() {
        ServiceArchitecture.checkNoPackageCycles("io.envguard.authz");
    }
}
