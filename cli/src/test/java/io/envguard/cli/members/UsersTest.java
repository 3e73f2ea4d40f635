package io.envguard.cli.members;

import io.envguard.cli.ExitCode;
import io.envguard.cli.Failure;
import io.envguard.cli.api.EnvguardApi.Member;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UsersTest {

    private static final Member GRACE = new Member("11111111-1111-4111-8111-111111111111", "grace@example.com",
            "Grace Hopper", "MEMBER");
    private static final Member GRACE_KELLY = new Member("22222222-2222-4222-8222-222222222222", "gkelly@example.com",
            "Grace Kelly", "MEMBER");
    private static final Member OTHER_GRACE = new Member("33333333-3333-4333-8333-333333333333", "hopper2@example.com",
            "Grace Hopper", "ADMIN");

    @Test
    void anExactEmailOrNameIgnoringCasePicksTheMember() {
        assertEquals(GRACE, Users.pick("GRACE@example.com", List.of(GRACE, GRACE_KELLY)));
        assertEquals(GRACE_KELLY, Users.pick("grace kelly", List.of(GRACE, GRACE_KELLY)));
    }

    @Test
    void aPartOfANameIsNotEnoughAndTheErrorSuggestsWhoWasMeant() {
        Failure failure = assertThrows(Failure.class, () -> Users.pick("grace", List.of(GRACE, GRACE_KELLY)));
        assertEquals(ExitCode.NOT_FOUND, failure.exitCode());
        assertTrue(failure.getMessage().contains("no member of the organization is \"grace\""), failure.getMessage());
        assertTrue(failure.getMessage().contains("did you mean: Grace Hopper <grace@example.com>"), failure.getMessage());
    }

    @Test
    void noMatchAtAllIsNotFound() {
        Failure failure = assertThrows(Failure.class, () -> Users.pick("nobody@example.com", List.of()));
        assertEquals(ExitCode.NOT_FOUND, failure.exitCode());
        assertEquals(1, failure.lines().size());
    }

    @Test
    void twoPeopleOfTheSameNameAreInvalidInputNamingBoth() {
        Failure failure = assertThrows(Failure.class, () -> Users.pick("Grace Hopper", List.of(GRACE, OTHER_GRACE)));
        assertEquals(ExitCode.INVALID_INPUT, failure.exitCode());
        assertTrue(failure.getMessage().contains("matches 2 members; name one by email or user id"));
        assertTrue(failure.getMessage().contains(GRACE.userId()) && failure.getMessage().contains(OTHER_GRACE.userId()));
    }
}
