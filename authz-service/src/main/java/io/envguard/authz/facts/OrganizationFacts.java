package io.envguard.authz.facts;

import io.envguard.contract.decision.AccessDecision;
import io.envguard.contract.decision.AccessQuestion;
import io.envguard.contract.decision.Action;
import io.envguard.edge.error.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the access table knows about one organisation at one revision: an immutable snapshot, so that a check
 * reads one consistent state and a cached snapshot can be reused for as long as the revision is current.
 * {@code brokenReason} is set when the organisation is marked broken: no decision may be made from these facts.
 */
public record OrganizationFacts(String organizationId, long revision, String defaultTeamId,
                                Map<String, Member> members, Map<String, String> userIdsByEmail, Set<String> teams,
                                Map<TeamUser, String> teamRoles, Map<TeamEnvironment, Boolean> groups,
                                Map<Grantee, AccessQuestion.Grant> grants, Map<String, String> apiKeyUsers,
                                String brokenReason) {

    public static final String ADMIN = "ADMIN";

    public record Member(String userId, String email, String name, String role, boolean demoted) {
    }

    public record TeamUser(String teamId, String userId) {
    }

    public record TeamEnvironment(String teamId, String environment) {
    }

    public record Grantee(String teamId, String environment, String userId) {
    }

    public record TeamRole(String teamId, String role) {
    }

    public static OrganizationFacts empty(String organizationId, long revision, String brokenReason) {
        return new OrganizationFacts(organizationId, revision, null, Map.of(), Map.of(), Set.of(), Map.of(), Map.of(),
                Map.of(), Map.of(), brokenReason);
    }

    /** Fails closed (503) when the organisation is marked broken: its facts may miss a revocation. */
    public OrganizationFacts decidable() {
        if (brokenReason != null) {
            throw ApiException.authzUnavailable("organisation " + organizationId + " cannot be decided until an operator"
                    + " repairs its access table (" + brokenReason + ")");
        }
        return this;
    }

    public Member member(String userId) {
        return userId == null ? null : members.get(userId);
    }

    public Member memberByEmail(String email) {
        return member(userIdsByEmail.get(email));
    }

    /** The user of an API key that has not been deleted, or null. */
    public String apiKeyUser(String prefix) {
        return apiKeyUsers.get(prefix);
    }

    /** The user's role in the team, or null when not in it; every member is in the default team. */
    public String teamRole(String teamId, String userId) {
        String explicit = teamRoles.get(new TeamUser(teamId, userId));
        if (explicit != null) {
            return explicit;
        }
        return teamId != null && teamId.equals(defaultTeamId) && members.containsKey(userId) ? "MEMBER" : null;
    }

    /** The teams the member acts in, with their role: org admins act as admins of every team. */
    public List<TeamRole> teamsOf(String userId) {
        Member member = member(userId);
        List<TeamRole> result = new ArrayList<>();
        if (member == null) {
            return result;
        }
        for (String team : teams.stream().sorted().toList()) {
            String role = ADMIN.equals(member.role()) ? ADMIN : teamRole(team, userId);
            if (role != null) {
                result.add(new TeamRole(team, role));
            }
        }
        return result;
    }

    /** The facts {@link AccessDecision} needs about this user and this environment of this team. */
    public AccessQuestion question(String userId, String teamId, String environment, Action action) {
        Member member = member(userId);
        String teamRole = member == null ? null : teamRole(teamId, userId);
        AccessQuestion.Grant grant = grants.getOrDefault(new Grantee(teamId, environment, userId), AccessQuestion.Grant.NONE);
        return new AccessQuestion(action, member != null, member != null && ADMIN.equals(member.role()),
                member != null && member.demoted(), teamRole != null, ADMIN.equals(teamRole),
                groups.getOrDefault(new TeamEnvironment(teamId, environment), false), grant);
    }
}
