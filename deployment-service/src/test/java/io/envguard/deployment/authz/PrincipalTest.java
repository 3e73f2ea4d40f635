package io.envguard.deployment.authz;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrincipalTest {

    private static Principal principal(String organization, String role, String... teams) {
        return new Principal("u1", "u1@example.com", "U", organization, "default", role,
                List.of(teams).stream().map(team -> new Principal.TeamMembership(team, "MEMBER")).toList(), 3L, "JWT", null);
    }

    @Test
    void aMemberSeesTheTeamsTheyAreInAndTheDefaultTeam() {
        Principal member = principal("org", "MEMBER", "ml");
        assertTrue(member.canSee("org", "ml"));
        assertTrue(member.canSee("org", "default"));
        assertFalse(member.canSee("org", "finance"));
    }

    @Test
    void anOrgAdminSeesEveryTeamOfTheirOrganizationOnly() {
        Principal admin = principal("org", "ADMIN");
        assertTrue(admin.canSee("org", "finance"));
        assertFalse(admin.canSee("other", "finance"));
    }

    @Test
    void someoneWithoutOrganizationSeesNothing() {
        Principal nobody = principal(null, null);
        assertFalse(nobody.canSee(null, null));
        assertFalse(nobody.isOrgAdmin());
    }
}
