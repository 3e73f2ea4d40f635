package io.envguard.environment;

import io.envguard.architecture.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** The rules of {@link ServiceArchitecture} over environment-service's own classes and the contract it uses. */
class ArchitectureTest {

    @Test
    void environmentServiceKeepsToTheRulesOfTheArchitecture() {
        ServiceArchitecture.check("io.envguard.environment");
    }

    @Test
    void environmentServiceHasNoCycleBetweenItsPackages() {
        ServiceArchitecture.checkNoPackageCycles("io.envguard.environment");
    }
}
