package io.envguard.edge.bench;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A safeguard may be off in the bench profile only, never beside prod. */
class BenchProfileTest {

    @ParameterizedTest
    @ValueSource(strings = {"prod", "local", "test", "dev", "prod,bench", "bench,prod"})
    void aSwitchedOffSafeguardIsRefusedOutsideTheBenchProfile(String profiles) {
        assertThrows(IllegalStateException.class,
                () -> BenchProfile.requireForSwitchedOff("x=false", "x off", List.of(profiles.split(","))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bench", "local,bench"})
    void theBenchProfileMaySwitchASafeguardOff(String profiles) {
        assertDoesNotThrow(() -> BenchProfile.requireForSwitchedOff("x=false", "x off", List.of(profiles.split(","))));
    }
}
