package io.envguard.environment.organization;

import io.envguard.contract.event.Role;
import io.envguard.environment.organization.OrganizationCommand.AddMember;
import io.envguard.environment.organization.OrganizationCommand.AddTeamMember;
import io.envguard.environment.organization.OrganizationCommand.ChangeEnvironmentGroupAccess;
import io.envguard.environment.organization.OrganizationCommand.ChangeMemberRole;
import io.envguard.environment.organization.OrganizationCommand.CreateApiKey;
import io.envguard.environment.organization.OrganizationCommand.CreateEnvironmentGroup;
import io.envguard.environment.organization.OrganizationCommand.CreateOrganization;
import io.envguard.environment.organization.OrganizationCommand.DeleteApiKey;
import io.envguard.environment.organization.OrganizationCommand.ExpireGrant;
import io.envguard.environment.organization.OrganizationCommand.GrantAccess;
import io.envguard.environment.organization.OrganizationCommand.RemoveMember;
import io.envguard.environment.organization.OrganizationCommand.RemoveTeamMember;
import io.envguard.environment.organization.OrganizationCommand.RevokeAccess;
import io.envguard.contract.event.EnvironmentEvent.AccessGranted;
import io.envguard.contract.event.EnvironmentEvent.AccessRevoked;
import io.envguard.contract.event.EnvironmentEvent.ApiKeyCreated;
import io.envguard.contract.event.EnvironmentEvent.EnvironmentGroupCreated;
import io.envguard.contract.event.EnvironmentEvent.EnvironmentGroupRestricted;
import io.envguard.contract.event.EnvironmentEvent.EnvironmentGroupUnrestricted;
import io.envguard.contract.event.EnvironmentEvent.GrantExpired;
import io.envguard.contract.event.EnvironmentEvent.MemberAdded;
import io.envguard.contract.event.EnvironmentEvent.MemberRemoved;
import io.envguard.contract.event.EnvironmentEvent.MemberRoleChanged;
import io.envguard.contract.event.EnvironmentEvent.TeamMemberRemoved;
import io.envguard.contract.event.EnvironmentEvent.UserRef;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.envguard.environment.error.DomainException.Kind.CONFLICT;
import static io.envguard.environment.error.DomainException.Kind.FORBIDDEN;
import static io.envguard.environment.error.DomainException.Kind.NOT_FOUND;
import static io.envguard.environment.error.DomainException.Kind.PRECONDITION_FAILED;
import static io.envguard.environment.error.DomainException.Kind.VALIDATION_FAILED;
import static io.envguard.environment.organization.Organizations.ADMIN;
import static io.envguard.environment.organization.Organizations.DEFAULT_TEAM;
import static io.envguard.environment.organization.Organizations.GUEST;
import static io.envguard.environment.organization.Organizations.ORG;
import static io.envguard.environment.organization.Organizations.OUTSIDER;
import static io.envguard.environment.organization.Organizations.TEAM;
import static io.envguard.environment.organization.Organizations.TEAM_ADMIN;
import static io.envguard.environment.organization.Organizations.TEAM_MEMBER;
import static io.envguard.environment.organization.Organizations.created;
import static io.envguard.environment.organization.Organizations.member;
import static io.envguard.environment.organization.Organizations.rejectedWith;
import static io.envguard.environment.organization.Organizations.withTeam;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrganizationAggregateTest {

    private static final String PRODUCTION = "production";

    private AggregateTestFixture<OrganizationAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OrganizationAggregate.class);
    }

    @Test
    void creatingAnOrganizationMakesItsCreatorTheFirstAdmin() {
        fixture.givenNoPriorActivity()
                .when(new CreateOrganization(ORG, "  Acme  ", DEFAULT_TEAM, new UserRef(ADMIN, "admin@acme.test", "Ada")))
                .expectEvents(created())
                .expectState(organization -> {
                    assertTrue(organization.state().isOrgAdmin(ADMIN));
                    assertEquals(1, organization.state().revision());
                    assertTrue(organization.state().team(null).orElseThrow().group("development").isPresent());
                });
    }

    @Test
    void everyChangeAnswersTheRevisionOfItsLastEvent() {
        fixture.given(created())
                .when(new AddMember(ORG, ADMIN, GUEST, "guest@acme.test", "Guest", Role.MEMBER))
                .expectEvents(new MemberAdded(GUEST, "guest@acme.test", "Guest", Role.MEMBER))
                .expectResultMessagePayload(2L);
    }

    @Test
    void onlyOrgAdminsAddMembers() {
        fixture.given(created(), member(TEAM_MEMBER, Role.MEMBER))
                .when(new AddMember(ORG, TEAM_MEMBER, GUEST, "guest@acme.test", "Guest", Role.MEMBER))
                .expectException(rejectedWith(FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void addingSomeoneWhoIsAlreadyAMemberConflicts() {
        fixture.given(created(), member(GUEST, Role.MEMBER))
                .when(new AddMember(ORG, ADMIN, GUEST, "guest@acme.test", "Guest", Role.ADMIN))
                .expectException(rejectedWith(CONFLICT));
    }

    @Test
    void theLastAdminCannotBeDemoted() {
        fixture.given(created(), member(GUEST, Role.MEMBER))
                .when(new ChangeMemberRole(ORG, ADMIN, ADMIN, Role.MEMBER))
                .expectException(rejectedWith(CONFLICT))
                .expectNoEvents();
    }

    @Test
    void theLastAdminCannotBeRemoved() {
        fixture.given(created(), member(GUEST, Role.MEMBER))
                .when(new RemoveMember(ORG, ADMIN, ADMIN))
                .expectException(rejectedWith(CONFLICT));
    }

    @Test
    void anAdminCanBeDemotedWhileAnotherAdminRemains() {
        fixture.given(created(), member(GUEST, Role.ADMIN))
                .when(new ChangeMemberRole(ORG, GUEST, ADMIN, Role.MEMBER))
                .expectEvents(new MemberRoleChanged(ADMIN, Role.MEMBER, Role.ADMIN));
    }

    @Test
    void removingAMemberEndsTheirGrantsTeamsAndApiKeys() {
        fixture.given(concat(withTeam(),
                        new EnvironmentGroupRestricted(TEAM, PRODUCTION),
                        new AccessGranted(TEAM, PRODUCTION, GUEST, null),
                        new ApiKeyCreated("abcdefghij", GUEST, "ci", "PERSONAL", null, "00")))
                .when(new RemoveMember(ORG, ADMIN, GUEST))
                .expectEvents(new MemberRemoved(GUEST))
                .expectState(organization -> {
                    OrganizationState state = organization.state();
                    var team = state.team(TEAM).orElseThrow();
                    assertFalse(state.isTeamMember(team, GUEST));
                    assertTrue(team.group(PRODUCTION).orElseThrow().grants().isEmpty());
                    assertTrue(state.apiKeys().isEmpty());
                });
    }

    @Test
    void membersMayCreateOnlyUnrestrictedGroups() {
        fixture.given(withTeam())
                .when(new CreateEnvironmentGroup(ORG, TEAM_MEMBER, TEAM, "staging", true, List.of()))
                .expectException(rejectedWith(FORBIDDEN))
                .expectNoEvents();
        fixture.given(withTeam())
                .when(new CreateEnvironmentGroup(ORG, TEAM_MEMBER, TEAM, "staging", false, List.of()))
                .expectEvents(new EnvironmentGroupCreated(TEAM, "staging", false));
    }

    @Test
    void creatingARestrictedGroupWithUsersGrantsEachOfThem() {
        fixture.given(withTeam())
                .when(new CreateEnvironmentGroup(ORG, TEAM_ADMIN, TEAM, "staging", true, List.of(GUEST, GUEST)))
                .expectEvents(new EnvironmentGroupCreated(TEAM, "staging", true),
                        new AccessGranted(TEAM, "staging", GUEST, null));
    }

    @Test
    void productionAndDevelopmentExistInEveryTeamFromTheStart() {
        fixture.given(withTeam())
                .when(new CreateEnvironmentGroup(ORG, ADMIN, TEAM, "development", false, List.of()))
                .expectException(rejectedWith(CONFLICT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Production", "-prod", "_prod", "prod env", "prod/x", "prød",
            "a12345678901234567890123456789012345678901234567890123456789012345"})
    void environmentNamesOutsideThePatternAreRejected(String name) {
        fixture.given(withTeam())
                .when(new CreateEnvironmentGroup(ORG, ADMIN, TEAM, name, false, List.of()))
                .expectException(rejectedWith(VALIDATION_FAILED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "staging", "eu-west_1", "a1234567890123456789012345678901234567890123456789012345678901"})
    void environmentNamesWithinThePatternAreAccepted(String name) {
        fixture.given(withTeam())
                .when(new CreateEnvironmentGroup(ORG, ADMIN, TEAM, name, false, List.of()))
                .expectEvents(new EnvironmentGroupCreated(TEAM, name, false));
    }

    @Test
    void restrictingWithAUserListGrantsEachListedUser() {
        fixture.given(withTeam())
                .when(restrict(ADMIN, List.of(GUEST, TEAM_MEMBER), null))
                .expectEvents(new EnvironmentGroupRestricted(TEAM, PRODUCTION),
                        new AccessGranted(TEAM, PRODUCTION, GUEST, null),
                        new AccessGranted(TEAM, PRODUCTION, TEAM_MEMBER, null))
                .expectResultMessagePayload((long) withTeam().length + 3);
    }

    @Test
    void replacingTheGrantListEmitsOnlyTheDifference() {
        fixture.given(concat(withTeam(),
                        new EnvironmentGroupRestricted(TEAM, PRODUCTION),
                        new AccessGranted(TEAM, PRODUCTION, GUEST, null)))
                .when(restrict(ADMIN, List.of(TEAM_MEMBER), null))
                .expectEvents(new AccessRevoked(TEAM, PRODUCTION, GUEST),
                        new AccessGranted(TEAM, PRODUCTION, TEAM_MEMBER, null));
    }

    @Test
    void patchingWithoutAUserListKeepsTheGrants() {
        fixture.given(concat(withTeam(),
                        new EnvironmentGroupRestricted(TEAM, PRODUCTION),
                        new AccessGranted(TEAM, PRODUCTION, GUEST, null)))
                .when(restrict(ADMIN, null, null))
                .expectNoEvents();
    }

    @Test
    void unrestrictingRevokesTheRemainingGrantsFirst() {
        fixture.given(concat(withTeam(),
                        new EnvironmentGroupRestricted(TEAM, PRODUCTION),
                        new AccessGranted(TEAM, PRODUCTION, GUEST, null),
                        new AccessGranted(TEAM, PRODUCTION, TEAM_MEMBER, null)))
                .when(new ChangeEnvironmentGroupAccess(ORG, TEAM_ADMIN, TEAM, PRODUCTION, false, null, null))
                .expectEvents(new AccessRevoked(TEAM, PRODUCTION, GUEST),
                        new AccessRevoked(TEAM, PRODUCTION, TEAM_MEMBER),
                        new EnvironmentGroupUnrestricted(TEAM, PRODUCTION));
    }

    @Test
    void membersCannotRestrict() {
        fixture.given(withTeam())
                .when(restrict(TEAM_MEMBER, List.of(), null))
                .expectException(rejectedWith(FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void teamAdminsManageRestrictionsOnlyInTheirOwnTeam() {
        fixture.given(withTeam())
                .when(new ChangeEnvironmentGroupAccess(ORG, TEAM_ADMIN, null, PRODUCTION, true, null, null))
                .expectException(rejectedWith(FORBIDDEN));
    }

    @Test
    void grantedUsersMustBeMembersOfTheTeam() {
        fixture.given(withTeam())
                .when(restrict(ADMIN, List.of(OUTSIDER), null))
                .expectException(rejectedWith(VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void grantsExistOnlyOnRestrictedGroups() {
        fixture.given(withTeam())
                .when(new GrantAccess(ORG, ADMIN, TEAM, PRODUCTION, GUEST, null))
                .expectException(rejectedWith(CONFLICT));
    }

    @Test
    void aGrantCanCarryAnExpiryInTheFuture() {
        Instant expiresAt = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        fixture.given(concat(withTeam(), new EnvironmentGroupRestricted(TEAM, PRODUCTION)))
                .when(new GrantAccess(ORG, TEAM_ADMIN, TEAM, PRODUCTION, GUEST, expiresAt))
                .expectEvents(new AccessGranted(TEAM, PRODUCTION, GUEST, expiresAt));
    }

    @Test
    void aGrantCannotExpireInThePast() {
        fixture.given(concat(withTeam(), new EnvironmentGroupRestricted(TEAM, PRODUCTION)))
                .when(new GrantAccess(ORG, ADMIN, TEAM, PRODUCTION, GUEST, Instant.now().minusSeconds(5)))
                .expectException(rejectedWith(VALIDATION_FAILED));
    }

    @Test
    void revokingAGrantThatDoesNotExistIsNotFound() {
        fixture.given(concat(withTeam(), new EnvironmentGroupRestricted(TEAM, PRODUCTION)))
                .when(new RevokeAccess(ORG, ADMIN, TEAM, PRODUCTION, GUEST))
                .expectException(rejectedWith(NOT_FOUND));
    }

    @Test
    void aStaleIfMatchRevisionChangesNothing() {
        fixture.given(withTeam())
                .when(restrict(ADMIN, List.of(GUEST), 3L))
                .expectException(rejectedWith(PRECONDITION_FAILED))
                .expectNoEvents();
    }

    @Test
    void theCurrentIfMatchRevisionIsAccepted() {
        fixture.given(withTeam())
                .when(restrict(ADMIN, List.of(), (long) withTeam().length))
                .expectEvents(new EnvironmentGroupRestricted(TEAM, PRODUCTION));
    }

    @Test
    void aDueGrantExpiresAsAnEventOfItsOwn() {
        Instant expiresAt = Instant.now().minusSeconds(1);
        fixture.given(concat(withTeam(), new EnvironmentGroupRestricted(TEAM, PRODUCTION),
                        new AccessGranted(TEAM, PRODUCTION, GUEST, expiresAt)))
                .when(new ExpireGrant(ORG, TEAM, PRODUCTION, GUEST, expiresAt))
                .expectEvents(new GrantExpired(TEAM, PRODUCTION, GUEST, expiresAt));
    }

    @Test
    void anExpiryIsIgnoredWhenTheGrantWasRenewedMeanwhile() {
        Instant expired = Instant.now().minusSeconds(1);
        Instant renewed = Instant.now().plusSeconds(3600);
        fixture.given(concat(withTeam(), new EnvironmentGroupRestricted(TEAM, PRODUCTION),
                        new AccessGranted(TEAM, PRODUCTION, GUEST, expired),
                        new AccessGranted(TEAM, PRODUCTION, GUEST, renewed)))
                .when(new ExpireGrant(ORG, TEAM, PRODUCTION, GUEST, expired))
                .expectNoEvents();
    }

    @Test
    void theDefaultTeamCannotLoseAMemberExceptByRemovingTheMember() {
        fixture.given(withTeam())
                .when(new RemoveTeamMember(ORG, ADMIN, DEFAULT_TEAM, GUEST))
                .expectException(rejectedWith(CONFLICT));
    }

    @Test
    void leavingATeamEndsTheGrantsInThatTeam() {
        fixture.given(concat(withTeam(), new EnvironmentGroupRestricted(TEAM, PRODUCTION),
                        new AccessGranted(TEAM, PRODUCTION, GUEST, null)))
                .when(new RemoveTeamMember(ORG, TEAM_ADMIN, TEAM, GUEST))
                .expectEvents(new TeamMemberRemoved(TEAM, GUEST))
                .expectState(organization -> assertTrue(organization.state().team(TEAM).orElseThrow()
                        .group(PRODUCTION).orElseThrow().grants().isEmpty()));
    }

    @Test
    void teamsAreInvisibleToMembersOutsideThem() {
        fixture.given(withTeam())
                .when(new AddTeamMember(ORG, OUTSIDER, TEAM, OUTSIDER, Role.MEMBER))
                .expectException(rejectedWith(NOT_FOUND));
    }

    @Test
    void anApiKeyIsRecordedOnlyAsTheHashOfItsSecret() {
        fixture.given(created())
                .when(new CreateApiKey(ORG, ADMIN, "abcdefghij", "ci", "PERSONAL", null, "5e88"))
                .expectEvents(new ApiKeyCreated("abcdefghij", ADMIN, "ci", "PERSONAL", null, "5e88"));
    }

    @Test
    void aTeamKeyIsMadeOnlyForATeamItsMakerSeesAndActsAsItsMaker() {
        fixture.given(withTeam())
                .when(new CreateApiKey(ORG, TEAM_MEMBER, "abcdefghij", null, "PERSONAL", TEAM, "5e88"))
                .expectEvents(new ApiKeyCreated("abcdefghij", TEAM_MEMBER, null, "PERSONAL", TEAM, "5e88"));
        fixture.given(withTeam())
                .when(new CreateApiKey(ORG, OUTSIDER, "abcdefghij", "ci", "PERSONAL", TEAM, "5e88"))
                .expectException(rejectedWith(NOT_FOUND));
    }

    @Test
    void workspaceKeysAreNotOffered() {
        for (String type : new String[] {"WORKSPACE_MANAGE_ALL", "WORKSPACE_INVOKE", null}) {
            fixture.given(created())
                    .when(new CreateApiKey(ORG, ADMIN, "abcdefghij", "ci", type, null, "5e88"))
                    .expectException(rejectedWith(VALIDATION_FAILED));
        }
    }

    @Test
    void nobodyDeletesAnotherUsersApiKey() {
        fixture.given(created(), member(GUEST, Role.MEMBER),
                        new ApiKeyCreated("abcdefghij", GUEST, "ci", "PERSONAL", null, "5e88"))
                .when(new DeleteApiKey(ORG, ADMIN, "abcdefghij"))
                .expectException(rejectedWith(NOT_FOUND));
    }

    private static ChangeEnvironmentGroupAccess restrict(String actor, List<String> userIds, Long expectedRevision) {
        return new ChangeEnvironmentGroupAccess(ORG, actor, TEAM, PRODUCTION, true, userIds, expectedRevision);
    }

    private static Object[] concat(Object[] first, Object... more) {
        Object[] all = new Object[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
