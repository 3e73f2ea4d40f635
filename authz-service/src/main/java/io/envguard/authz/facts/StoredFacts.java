package io.envguard.authz.facts;

import io.envguard.authz.consistency.OrganizationPosition;
import io.envguard.authz.projection.ApiKeyRow;
import io.envguard.authz.projection.BrokenOrganization;
import io.envguard.authz.projection.EnvironmentGroupRow;
import io.envguard.authz.projection.GrantRow;
import io.envguard.authz.projection.MemberRow;
import io.envguard.authz.projection.TeamMemberRow;
import io.envguard.authz.projection.TeamRow;
import io.envguard.contract.decision.AccessQuestion;
import io.quarkus.hibernate.reactive.panache.Panache;
import org.hibernate.FlushMode;
import org.hibernate.reactive.mutiny.Mutiny;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Loads an organisation's facts from the access table in one repeatable-read transaction: one consistent revision. */
@ApplicationScoped
public class StoredFacts {

    public Uni<OrganizationFacts> load(String organizationId) {
        return Panache.withTransaction(() -> Panache.getSession()
                .invoke(StoredFacts::readOnly)
                .chain(session -> session.createNativeQuery("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                        .executeUpdate())
                .chain(() -> BrokenOrganization.<BrokenOrganization>findById(organizationId))
                .chain(broken -> OrganizationPosition.<OrganizationPosition>findById(organizationId)
                        .chain(position -> position == null
                                ? Uni.createFrom().item(OrganizationFacts.empty(organizationId, 0, reason(broken)))
                                : loadRows(organizationId, position.revision, reason(broken)))));
    }

    /**
     * Nothing read here is changed: no snapshot of each row for dirty checking, and no flush before each query, which
     * went through every row already read (a 5,000-member organisation's load was mostly that).
     */
    private static void readOnly(Mutiny.Session session) {
        session.setDefaultReadOnly(true);
        session.setFlushMode(FlushMode.MANUAL);
    }

    private static String reason(BrokenOrganization broken) {
        return broken == null ? null : broken.reason;
    }

    private static Uni<OrganizationFacts> loadRows(String org, long revision, String brokenReason) {
        Rows rows = new Rows();
        rows.brokenReason = brokenReason;
        return TeamRow.<TeamRow>list("organizationId", org).invoke(list -> rows.teams = list)
                .chain(() -> MemberRow.<MemberRow>list("organizationId", org)).invoke(list -> rows.members = list)
                .chain(() -> TeamMemberRow.<TeamMemberRow>list("organizationId", org)).invoke(list -> rows.teamMembers = list)
                .chain(() -> EnvironmentGroupRow.<EnvironmentGroupRow>list("organizationId", org)).invoke(list -> rows.groups = list)
                .chain(() -> GrantRow.<GrantRow>list("organizationId", org)).invoke(list -> rows.grants = list)
                .chain(() -> ApiKeyRow.<ApiKeyRow>list("organizationId = ?1 and deleted = false", org)).invoke(list -> rows.apiKeys = list)
                .map(ignored -> rows.toFacts(org, revision));
    }

    private static final class Rows {
        List<TeamRow> teams;
        List<MemberRow> members;
        List<TeamMemberRow> teamMembers;
        List<EnvironmentGroupRow> groups;
        List<GrantRow> grants;
        List<ApiKeyRow> apiKeys;
        String brokenReason;

        OrganizationFacts toFacts(String org, long revision) {
            String defaultTeam = null;
            Set<String> teamIds = new HashSet<>();
            for (TeamRow team : teams) {
                teamIds.add(team.teamId);
                if (team.isDefault) {
                    defaultTeam = team.teamId;
                }
            }
            Map<String, OrganizationFacts.Member> memberMap = new HashMap<>();
            Map<String, String> byEmail = new HashMap<>();
            for (MemberRow m : members) {
                memberMap.put(m.userId, new OrganizationFacts.Member(m.userId, m.email, m.name, m.role, m.demoted));
                byEmail.put(m.email, m.userId);
            }
            Map<OrganizationFacts.TeamUser, String> roles = new HashMap<>();
            teamMembers.forEach(t -> roles.put(new OrganizationFacts.TeamUser(t.teamId, t.userId), t.role));
            Map<OrganizationFacts.TeamEnvironment, Boolean> groupMap = new HashMap<>();
            groups.forEach(g -> groupMap.put(new OrganizationFacts.TeamEnvironment(g.teamId, g.environment), g.restricted));
            Map<OrganizationFacts.Grantee, AccessQuestion.Grant> grantMap = new HashMap<>();
            grants.forEach(g -> grantMap.put(new OrganizationFacts.Grantee(g.teamId, g.environment, g.userId),
                    g.expired ? AccessQuestion.Grant.ended() : AccessQuestion.Grant.active(g.expiresAt)));
            Map<String, String> keys = new HashMap<>();
            apiKeys.forEach(k -> keys.put(k.prefix, k.userId));
            return new OrganizationFacts(org, revision, defaultTeam, Map.copyOf(memberMap), Map.copyOf(byEmail),
                    Set.copyOf(teamIds), Map.copyOf(roles), Map.copyOf(groupMap), Map.copyOf(grantMap), Map.copyOf(keys),
                    brokenReason);
        }
    }
}
