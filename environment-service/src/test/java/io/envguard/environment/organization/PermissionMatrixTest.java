package io.envguard.environment.organization;

import io.envguard.contract.event.Role;
import io.envguard.environment.error.DomainException;
import io.envguard.environment.organization.OrganizationCommand.AddMember;
import io.envguard.environment.organization.OrganizationCommand.AddTeamMember;
import io.envguard.environment.organization.OrganizationCommand.ChangeEnvironmentGroupAccess;
import io.envguard.environment.organization.OrganizationCommand.ChangeMemberRole;
import io.envguard.environment.organization.OrganizationCommand.CreateEnvironmentGroup;
import io.envguard.environment.organization.OrganizationCommand.CreateTeam;
import io.envguard.environment.organization.OrganizationCommand.GrantAccess;
import io.envguard.environment.organization.OrganizationCommand.RemoveTeamMember;
import io.envguard.environment.organization.OrganizationCommand.RevokeAccess;
import io.envguard.contract.event.EnvironmentEvent.AccessGranted;
import io.envguard.contract.event.EnvironmentEvent.EnvironmentGroupRestricted;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static io.envguard.environment.organization.Organizations.ADMIN;
import static io.envguard.environment.organization.Organizations.GUEST;
import static io.envguard.environment.organization.Organizations.ORG;
import static io.envguard.environment.organization.Organizations.OUTSIDER;
import static io.envguard.environment.organization.Organizations.TEAM;
import static io.envguard.environment.organization.Organizations.TEAM_ADMIN;
import static io.envguard.environment.organization.Organizations.TEAM_MEMBER;
import static io.envguard.environment.organization.Organizations.rejectedWith;
import static io.envguard.environment.organization.Organizations.withTeam;

/**
 * Who may manage what, for team {@code ml}: org admins everything, the team's admins their team, its members only
 * unrestricted groups, and members outside the team do not even see it.
 */
class PermissionMatrixTest {

    private static final String PRODUCTION = "production";
    private static final Map<String, String> SUBJECTS = Map.of(
            "ORG_ADMIN", ADMIN, "TEAM_ADMIN", TEAM_ADMIN, "TEAM_MEMBER", TEAM_MEMBER, "OUTSIDER", OUTSIDER);

    @ParameterizedTest(name = "{0} by {1} is {2}")
    @CsvSource({
            "RESTRICT,                  ORG_ADMIN,   ALLOWED",
            "RESTRICT,                  TEAM_ADMIN,  ALLOWED",
            "RESTRICT,                  TEAM_MEMBER, FORBIDDEN",
            "RESTRICT,                  OUTSIDER,    NOT_FOUND",
            "UNRESTRICT,                ORG_ADMIN,   ALLOWED",
            "UNRESTRICT,                TEAM_ADMIN,  ALLOWED",
            "UNRESTRICT,                TEAM_MEMBER, FORBIDDEN",
            "UNRESTRICT,                OUTSIDER,    NOT_FOUND",
            "GRANT,                     ORG_ADMIN,   ALLOWED",
            "GRANT,                     TEAM_ADMIN,  ALLOWED",
            "GRANT,                     TEAM_MEMBER, FORBIDDEN",
            "GRANT,                     OUTSIDER,    NOT_FOUND",
            "REVOKE,                    ORG_ADMIN,   ALLOWED",
            "REVOKE,                    TEAM_ADMIN,  ALLOWED",
            "REVOKE,                    TEAM_MEMBER, FORBIDDEN",
            "REVOKE,                    OUTSIDER,    NOT_FOUND",
            "CREATE_RESTRICTED_GROUP,   ORG_ADMIN,   ALLOWED",
            "CREATE_RESTRICTED_GROUP,   TEAM_ADMIN,  ALLOWED",
            "CREATE_RESTRICTED_GROUP,   TEAM_MEMBER, FORBIDDEN",
            "CREATE_RESTRICTED_GROUP,   OUTSIDER,    NOT_FOUND",
            "CREATE_UNRESTRICTED_GROUP, ORG_ADMIN,   ALLOWED",
            "CREATE_UNRESTRICTED_GROUP, TEAM_ADMIN,  ALLOWED",
            "CREATE_UNRESTRICTED_GROUP, TEAM_MEMBER, ALLOWED",
            "CREATE_UNRESTRICTED_GROUP, OUTSIDER,    NOT_FOUND",
            "ADD_TEAM_MEMBER,           ORG_ADMIN,   ALLOWED",
            "ADD_TEAM_MEMBER,           TEAM_ADMIN,  ALLOWED",
            "ADD_TEAM_MEMBER,           TEAM_MEMBER, FORBIDDEN",
            "ADD_TEAM_MEMBER,           OUTSIDER,    NOT_FOUND",
            "REMOVE_TEAM_MEMBER,        ORG_ADMIN,   ALLOWED",
            "REMOVE_TEAM_MEMBER,        TEAM_ADMIN,  ALLOWED",
            "REMOVE_TEAM_MEMBER,        TEAM_MEMBER, FORBIDDEN",
            "REMOVE_TEAM_MEMBER,        OUTSIDER,    NOT_FOUND",
            "CREATE_TEAM,               ORG_ADMIN,   ALLOWED",
            "CREATE_TEAM,               TEAM_ADMIN,  FORBIDDEN",
            "CREATE_TEAM,               TEAM_MEMBER, FORBIDDEN",
            "CREATE_TEAM,               OUTSIDER,    FORBIDDEN",
            "ADD_MEMBER,                ORG_ADMIN,   ALLOWED",
            "ADD_MEMBER,                TEAM_ADMIN,  FORBIDDEN",
            "ADD_MEMBER,                TEAM_MEMBER, FORBIDDEN",
            "ADD_MEMBER,                OUTSIDER,    FORBIDDEN",
            "CHANGE_ROLE,               ORG_ADMIN,   ALLOWED",
            "CHANGE_ROLE,               TEAM_ADMIN,  FORBIDDEN",
            "CHANGE_ROLE,               TEAM_MEMBER, FORBIDDEN",
            "CHANGE_ROLE,               OUTSIDER,    FORBIDDEN",
    })
    void onlyTheRightSubjectsManageTheTeam(String action, String subject, String expected) {
        String actor = SUBJECTS.get(subject);
        AggregateTestFixture<OrganizationAggregate> fixture = new AggregateTestFixture<>(OrganizationAggregate.class);
        ResultValidator<OrganizationAggregate> result = fixture
                .given(concat(withTeam(),
                        new EnvironmentGroupRestricted(TEAM, PRODUCTION),
                        new AccessGranted(TEAM, PRODUCTION, GUEST, null)))
                .when(command(action, actor));
        switch (expected) {
            case "ALLOWED" -> result.expectSuccessfulHandlerExecution();
            case "FORBIDDEN" -> result.expectException(rejectedWith(DomainException.Kind.FORBIDDEN)).expectNoEvents();
            case "NOT_FOUND" -> result.expectException(rejectedWith(DomainException.Kind.NOT_FOUND)).expectNoEvents();
            default -> throw new IllegalArgumentException(expected);
        }
    }

    private static OrganizationCommand command(String action, String actor) {
        return switch (action) {
            case "RESTRICT" -> new ChangeEnvironmentGroupAccess(ORG, actor, TEAM, "development", true, null, null);
            case "UNRESTRICT" -> new ChangeEnvironmentGroupAccess(ORG, actor, TEAM, PRODUCTION, false, null, null);
            case "GRANT" -> new GrantAccess(ORG, actor, TEAM, PRODUCTION, TEAM_MEMBER, null);
            case "REVOKE" -> new RevokeAccess(ORG, actor, TEAM, PRODUCTION, GUEST);
            case "CREATE_RESTRICTED_GROUP" -> new CreateEnvironmentGroup(ORG, actor, TEAM, "staging", true, List.of());
            case "CREATE_UNRESTRICTED_GROUP" ->
                    new CreateEnvironmentGroup(ORG, actor, TEAM, "staging", false, List.of());
            case "ADD_TEAM_MEMBER" -> new AddTeamMember(ORG, actor, TEAM, OUTSIDER, Role.MEMBER);
            case "REMOVE_TEAM_MEMBER" -> new RemoveTeamMember(ORG, actor, TEAM, GUEST);
            case "CREATE_TEAM" -> new CreateTeam(ORG, actor, "0b6f3c1e-0000-4000-8000-0000000000a2", "infra");
            case "ADD_MEMBER" -> new AddMember(ORG, actor, "0b6f3c1e-0000-4000-8000-00000000a009",
                    "new@acme.test", "New", Role.MEMBER);
            case "CHANGE_ROLE" -> new ChangeMemberRole(ORG, actor, GUEST, Role.ADMIN);
            default -> throw new IllegalArgumentException(action);
        };
    }

    private static Object[] concat(Object[] first, Object... more) {
        Object[] all = new Object[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
