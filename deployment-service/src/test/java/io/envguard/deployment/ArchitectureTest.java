package io.envguard.deployment;

import io.envguard.architecture.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** The rules of {@link ServiceArchitecture} over deployment-service's own classes and the contract it uses. */
class ArchitectureTest {

    @Test
    void deploymentServiceKeepsToTheRulesOfTheArchitecture() {
        ServiceArchitecture.check("io.envguard.deployment");
    }

    @Test
    void deploymentServiceHasNoCycleBetweenItsPackages() {
        ServiceArchitecture.checkNoPackageCycles("io.envguard.deployment");
    }
}
