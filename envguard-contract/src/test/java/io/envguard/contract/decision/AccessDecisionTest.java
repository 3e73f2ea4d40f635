package io.envguard.contract.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.envguard.contract.decision.AccessQuestion.Grant;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The decision table of docs/architecture.md, row by row: subject × environment state → outcome, for every action. */
class AccessDecisionTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    /** Who is asking. */
    enum Subject {
        OUTSIDER(false, false, false, false, false),
        ORG_ADMIN(true, true, false, true, false),
        ORG_ADMIN_OUTSIDE_THE_TEAM(true, true, false, false, false),
        MEMBER_OUTSIDE_THE_TEAM(true, false, false, false, false),
        TEAM_ADMIN(true, false, false, true, true),
        TEAM_MEMBER(true, false, false, true, false),
        DEMOTED_ADMIN_IN_THE_TEAM(true, false, true, true, false);

        final boolean member, orgAdmin, demoted, inTeam, teamAdmin;

        Subject(boolean member, boolean orgAdmin, boolean demoted, boolean inTeam, boolean teamAdmin) {
            this.member = member;
            this.orgAdmin = orgAdmin;
            this.demoted = demoted;
            this.inTeam = inTeam;
            this.teamAdmin = teamAdmin;
        }
    }

    /** What the environment group and the subject's grant on it look like. */
    enum Environment {
        UNRESTRICTED(false, Grant.NONE),
        UNRESTRICTED_WITH_ENDED_GRANT(false, Grant.ended()),
        RESTRICTED_NO_GRANT(true, Grant.NONE),
        RESTRICTED_GRANT_FOREVER(true, Grant.active(null)),
        RESTRICTED_GRANT_UNTIL_LATER(true, Grant.active(NOW.plusSeconds(60))),
        RESTRICTED_GRANT_PAST_ITS_END(true, Grant.active(NOW.minusSeconds(1))),
        RESTRICTED_GRANT_ENDING_NOW(true, Grant.active(NOW)),
        RESTRICTED_GRANT_EXPIRED(true, Grant.ended());

        final boolean restricted;
        final Grant grant;

        Environment(boolean restricted, Grant grant) {
            this.restricted = restricted;
            this.grant = grant;
        }
    }

    static Stream<Arguments> table() {
        return Stream.of(
                row(Subject.OUTSIDER, Environment.UNRESTRICTED, Reason.NOT_A_MEMBER),
                row(Subject.OUTSIDER, Environment.RESTRICTED_GRANT_FOREVER, Reason.NOT_A_MEMBER),
                row(Subject.ORG_ADMIN, Environment.RESTRICTED_NO_GRANT, Reason.ORG_ADMIN),
                row(Subject.ORG_ADMIN, Environment.RESTRICTED_GRANT_EXPIRED, Reason.ORG_ADMIN),
                row(Subject.ORG_ADMIN_OUTSIDE_THE_TEAM, Environment.RESTRICTED_NO_GRANT, Reason.ORG_ADMIN),
                row(Subject.MEMBER_OUTSIDE_THE_TEAM, Environment.UNRESTRICTED, Reason.NOT_IN_TEAM),
                row(Subject.MEMBER_OUTSIDE_THE_TEAM, Environment.RESTRICTED_GRANT_FOREVER, Reason.NOT_IN_TEAM),
                row(Subject.TEAM_ADMIN, Environment.RESTRICTED_NO_GRANT, Reason.TEAM_ADMIN),
                row(Subject.TEAM_ADMIN, Environment.RESTRICTED_GRANT_EXPIRED, Reason.TEAM_ADMIN),
                row(Subject.TEAM_MEMBER, Environment.UNRESTRICTED, Reason.UNRESTRICTED),
                row(Subject.TEAM_MEMBER, Environment.UNRESTRICTED_WITH_ENDED_GRANT, Reason.UNRESTRICTED),
                row(Subject.DEMOTED_ADMIN_IN_THE_TEAM, Environment.UNRESTRICTED, Reason.UNRESTRICTED),
                row(Subject.TEAM_MEMBER, Environment.RESTRICTED_GRANT_FOREVER, Reason.GRANTED),
                row(Subject.TEAM_MEMBER, Environment.RESTRICTED_GRANT_UNTIL_LATER, Reason.GRANTED),
                row(Subject.DEMOTED_ADMIN_IN_THE_TEAM, Environment.RESTRICTED_GRANT_FOREVER, Reason.GRANTED),
                row(Subject.TEAM_MEMBER, Environment.RESTRICTED_GRANT_EXPIRED, Reason.GRANT_EXPIRED),
                row(Subject.TEAM_MEMBER, Environment.RESTRICTED_GRANT_PAST_ITS_END, Reason.GRANT_EXPIRED),
                row(Subject.TEAM_MEMBER, Environment.RESTRICTED_GRANT_ENDING_NOW, Reason.GRANT_EXPIRED),
                row(Subject.DEMOTED_ADMIN_IN_THE_TEAM, Environment.RESTRICTED_GRANT_EXPIRED, Reason.GRANT_EXPIRED),
                row(Subject.DEMOTED_ADMIN_IN_THE_TEAM, Environment.RESTRICTED_NO_GRANT, Reason.ADMIN_DEMOTED),
                row(Subject.TEAM_MEMBER, Environment.RESTRICTED_NO_GRANT, Reason.NOT_GRANTED));
    }

    private static Arguments row(Subject subject, Environment environment, Reason expected) {
        return Arguments.of(subject, environment, expected);
    }

    @ParameterizedTest(name = "{0} on {1} → {2}")
    @MethodSource("table")
    void everyGuardedActionIsDecidedByTheTable(Subject subject, Environment environment, Reason expected) {
        for (Action action : Action.values()) {
            AccessQuestion question = new AccessQuestion(action, subject.member, subject.orgAdmin, subject.demoted,
                    subject.inTeam, subject.teamAdmin, environment.restricted, environment.grant);
            assertEquals(expected, AccessDecision.decide(question, NOW), action.name());
        }
    }

    @ParameterizedTest(name = "{0} allows: {1}")
    @MethodSource("allowingReasons")
    void onlyTheFourAllowingReasonsAllow(Reason reason, boolean allows) {
        assertEquals(allows, reason.allows());
    }

    static Stream<Arguments> allowingReasons() {
        return Stream.of(Reason.values()).map(r -> Arguments.of(r, switch (r) {
            case ORG_ADMIN, TEAM_ADMIN, UNRESTRICTED, GRANTED -> true;
            default -> false;
        }));
    }
}
