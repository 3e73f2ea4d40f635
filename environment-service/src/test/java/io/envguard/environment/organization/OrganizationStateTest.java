package io.envguard.environment.organization;

import static io.envguard.environment.organization.Organizations.ADMIN;
import static io.envguard.environment.organization.Organizations.DEFAULT_TEAM;
import static io.envguard.environment.organization.Organizations.GUEST;
import static io.envguard.environment.organization.Organizations.OUTSIDER;
import static io.envguard.environment.organization.Organizations.TEAM;
import static io.envguard.environment.organization.Organizations.TEAM_ADMIN;
import static io.envguard.environment.organization.Organizations.TEAM_MEMBER;
import static io.envguard.environment.organization.Organizations.withTeam;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.envguard.contract.event.EnvironmentEvent;
import io.envguard.contract.event.EnvironmentEvent.AccessGranted;
import io.envguard.contract.event.EnvironmentEvent.AccessRevoked;
import io.envguard.contract.event.EnvironmentEvent.ApiKeyCreated;
import io.envguard.contract.event.EnvironmentEvent.ApiKeyDeleted;
import io.envguard.contract.event.EnvironmentEvent.EnvironmentGroupCreated;
import io.envguard.contract.event.EnvironmentEvent.EnvironmentGroupRestricted;
import io.envguard.contract.event.EnvironmentEvent.EnvironmentGroupUnrestricted;
import io.envguard.contract.event.EnvironmentEvent.GrantExpired;
import io.envguard.contract.event.EnvironmentEvent.MemberRemoved;
import io.envguard.contract.event.EnvironmentEvent.MemberRoleChanged;
import io.envguard.contract.event.EnvironmentEvent.TeamCreated;
import io.envguard.contract.event.EnvironmentEvent.TeamMemberAdded;
import io.envguard.contract.event.EnvironmentEvent.TeamMemberRemoved;
import io.envguard.contract.event.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A copy shares what it has not changed with the state it was copied from: neither may see the other's changes. */
class OrganizationStateTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    private static final List<EnvironmentEvent> BEFORE = List.of(
            new EnvironmentGroupCreated(TEAM, "staging", true),
            new EnvironmentGroupRestricted(TEAM, "production"),
            new AccessGranted(TEAM, "production", TEAM_MEMBER, null),
            new AccessGranted(TEAM, "staging", GUEST, AT.plusSeconds(60)),
            new EnvironmentGroupRestricted(DEFAULT_TEAM, "production"),
            new AccessGranted(DEFAULT_TEAM, "production", GUEST, null),
            new ApiKeyCreated("k1234abcd", GUEST, "ci", "PERSONAL", null, "ab".repeat(32)));

    /** Every kind of change, each touching what the state copied from holds. */
    private static final List<EnvironmentEvent> AFTER = List.of(
            new AccessGranted(TEAM, "production", OUTSIDER, null),
            new AccessRevoked(TEAM, "production", TEAM_MEMBER),
            new GrantExpired(TEAM, "staging", GUEST, AT.plusSeconds(60)),
            new EnvironmentGroupUnrestricted(DEFAULT_TEAM, "production"),
            new EnvironmentGroupCreated(DEFAULT_TEAM, "qa", false),
            new TeamMemberAdded(TEAM, OUTSIDER, Role.ADMIN),
            new TeamMemberRemoved(TEAM, TEAM_ADMIN),
            new TeamCreated("0b6f3c1e-0000-4000-8000-0000000000a2", "data"),
            new MemberRoleChanged(TEAM_MEMBER, Role.ADMIN, Role.MEMBER),
            new MemberRemoved(GUEST),
            new ApiKeyCreated("k5678abcd", ADMIN, "deploy", "PERSONAL", TEAM, "cd".repeat(32)),
            new ApiKeyDeleted("k5678abcd", ADMIN));

    @Test
    void aCopyChangesWithoutChangingTheStateItWasCopiedFrom() {
        List<EnvironmentEvent> before = new ArrayList<>();
        for (Object event : withTeam()) {
            before.add((EnvironmentEvent) event);
        }
        before.addAll(BEFORE);
        List<EnvironmentEvent> all = new ArrayList<>(before);
        all.addAll(AFTER);
        OrganizationState original = replay(new OrganizationState(), before, 0);

        OrganizationState copy = original.copy();
        replay(copy, AFTER, before.size());
        OrganizationState secondCopy = original.copy();

        assertSameState(replay(new OrganizationState(), before, 0), original, "the state copied from is unchanged");
        assertSameState(replay(new OrganizationState(), all, 0), copy, "the copy has every change");
        assertSameState(original, secondCopy, "a later copy starts from the unchanged state");
        assertNotEquals(List.copyOf(original.teams()), List.copyOf(copy.teams()));
    }

    private static OrganizationState replay(OrganizationState state, List<EnvironmentEvent> events, int from) {
        for (int i = 0; i < events.size(); i++) {
            state.apply(events.get(i), from + i + 1, AT.plusSeconds(from + i));
        }
        return state;
    }

    private static void assertSameState(OrganizationState expected, OrganizationState actual, String message) {
        assertEquals(expected.revision(), actual.revision(), message);
        assertEquals(List.copyOf(expected.members()), List.copyOf(actual.members()), message);
        assertEquals(List.copyOf(expected.teams()), List.copyOf(actual.teams()), message);
        assertEquals(List.copyOf(expected.apiKeys()), List.copyOf(actual.apiKeys()), message);
    }
}
