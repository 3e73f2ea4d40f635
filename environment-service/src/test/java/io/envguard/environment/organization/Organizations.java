package io.envguard.environment.organization;

import io.envguard.contract.event.EnvironmentEvent.MemberAdded;
import io.envguard.contract.event.EnvironmentEvent.OrganizationCreated;
import io.envguard.contract.event.EnvironmentEvent.TeamCreated;
import io.envguard.contract.event.EnvironmentEvent.TeamMemberAdded;
import io.envguard.contract.event.EnvironmentEvent.UserRef;
import io.envguard.contract.event.Role;
import io.envguard.environment.error.DomainException;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** A small organisation for aggregate tests: an admin, a team with a team admin and a member, and an outsider. */
final class Organizations {

    static final String ORG = "0b6f3c1e-0000-4000-8000-000000000001";
    static final String DEFAULT_TEAM = "0b6f3c1e-0000-4000-8000-0000000000d0";
    static final String TEAM = "0b6f3c1e-0000-4000-8000-0000000000a1";
    static final String ADMIN = "0b6f3c1e-0000-4000-8000-00000000a001";
    static final String TEAM_ADMIN = "0b6f3c1e-0000-4000-8000-00000000a002";
    static final String TEAM_MEMBER = "0b6f3c1e-0000-4000-8000-00000000a003";
    static final String OUTSIDER = "0b6f3c1e-0000-4000-8000-00000000a004";
    static final String GUEST = "0b6f3c1e-0000-4000-8000-00000000a005";

    private Organizations() {
    }

    static OrganizationCreated created() {
        return new OrganizationCreated(ORG, "Acme", DEFAULT_TEAM, new UserRef(ADMIN, "admin@acme.test", "Ada"));
    }

    static MemberAdded member(String userId, Role role) {
        return new MemberAdded(userId, userId.substring(userId.length() - 4) + "@acme.test", "user " + userId, role);
    }

    /** The organisation with every user, and team {@link #TEAM} holding the team admin, the member and the guest. */
    static Object[] withTeam() {
        return new Object[]{
                created(),
                member(TEAM_ADMIN, Role.MEMBER),
                member(TEAM_MEMBER, Role.MEMBER),
                member(OUTSIDER, Role.MEMBER),
                member(GUEST, Role.MEMBER),
                new TeamCreated(TEAM, "ml"),
                new TeamMemberAdded(TEAM, TEAM_ADMIN, Role.ADMIN),
                new TeamMemberAdded(TEAM, TEAM_MEMBER, Role.MEMBER),
                new TeamMemberAdded(TEAM, GUEST, Role.MEMBER)
        };
    }

    static Matcher<Throwable> rejectedWith(DomainException.Kind kind) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable item) {
                return item instanceof DomainException domain && domain.kind() == kind;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a DomainException of kind " + kind);
            }
        };
    }
}
