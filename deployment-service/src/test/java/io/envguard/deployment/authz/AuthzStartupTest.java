package io.envguard.deployment.authz;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The switch that turns the access check off counts in the bench profile only, never beside prod. */
class AuthzStartupTest {

    @ParameterizedTest
    @ValueSource(strings = {"prod", "local", "test", "dev", "prod,bench", "bench,prod"})
    void aServiceWithoutTheCheckDoesNotStartOutsideTheBenchProfile(String profiles) {
        assertThrows(IllegalStateException.class,
                () -> AuthzStartup.refuseAnUncheckedService(false, List.of(profiles.split(","))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bench", "local,bench"})
    void theBenchProfileMayTurnTheCheckOff(String profiles) {
        assertDoesNotThrow(() -> AuthzStartup.refuseAnUncheckedService(false, List.of(profiles.split(","))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod", "local", "local,bench"})
    void aCheckingServiceStartsInEveryProfile(String profiles) {
        assertDoesNotThrow(() -> AuthzStartup.refuseAnUncheckedService(true, List.of(profiles.split(","))));
    }
}
