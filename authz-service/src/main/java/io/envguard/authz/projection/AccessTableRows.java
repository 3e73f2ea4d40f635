package io.envguard.authz.projection;

import io.envguard.authz.projection.AccessTableFold.ApiKey;
import io.envguard.authz.projection.AccessTableFold.Grant;
import io.envguard.authz.projection.AccessTableFold.Member;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One organisation's rows in the tables of the current transaction's schema: the live access table, or a shadow one
 * being rebuilt. Each change is a step of that transaction, run in order.
 */
final class AccessTableRows implements AccessRows<Uni<Void>> {

    private final String org;

    AccessTableRows(String organizationId) {
        this.org = organizationId;
    }

    @Override
    public Uni<Void> all(List<Uni<Void>> changes) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Uni<Void> change : changes) {
            all = all.chain(() -> change);
        }
        return all;
    }

    @Override
    public Uni<Void> putTeam(String teamId, String name, boolean isDefault) {
        return upsert(TeamRow.find("organizationId = ?1 and teamId = ?2", org, teamId), TeamRow::new, team -> {
            team.organizationId = org;
            team.teamId = teamId;
            team.name = name;
            team.isDefault = isDefault;
        });
    }

    @Override
    public Uni<Void> putGroup(String teamId, String environment, boolean restricted) {
        return upsert(EnvironmentGroupRow.find("organizationId = ?1 and teamId = ?2 and environment = ?3",
                org, teamId, environment), EnvironmentGroupRow::new, group -> {
            group.organizationId = org;
            group.teamId = teamId;
            group.environment = environment;
            group.restricted = restricted;
        });
    }

    @Override
    public Uni<Void> putMember(String userId, Member member) {
        return upsert(MemberRow.find("organizationId = ?1 and userId = ?2", org, userId), MemberRow::new, row -> {
            row.organizationId = org;
            row.userId = userId;
            set(row, member);
        });
    }

    @Override
    public Uni<Void> changeMember(String userId, UnaryOperator<Member> change) {
        return existing(MemberRow.<MemberRow>find("organizationId = ?1 and userId = ?2", org, userId))
                .invoke(row -> {
                    if (row != null) {
                        set(row, change.apply(new Member(row.email, row.name, row.role, row.demoted)));
                    }
                })
                .replaceWithVoid();
    }

    private static void set(MemberRow row, Member member) {
        row.email = member.email();
        row.name = member.name();
        row.role = member.role();
        row.demoted = member.demoted();
    }

    @Override
    public Uni<Void> deleteMember(String userId) {
        return MemberRow.delete("organizationId = ?1 and userId = ?2", org, userId).replaceWithVoid();
    }

    @Override
    public Uni<Void> putTeamMember(String teamId, String userId, String role) {
        return upsert(TeamMemberRow.find("organizationId = ?1 and teamId = ?2 and userId = ?3", org, teamId, userId),
                TeamMemberRow::new, row -> {
                    row.organizationId = org;
                    row.teamId = teamId;
                    row.userId = userId;
                    row.role = role;
                });
    }

    @Override
    public Uni<Void> deleteTeamMembers(String teamId, String userId) {
        return teamId == null
                ? TeamMemberRow.delete("organizationId = ?1 and userId = ?2", org, userId).replaceWithVoid()
                : TeamMemberRow.delete("organizationId = ?1 and teamId = ?2 and userId = ?3", org, teamId, userId)
                        .replaceWithVoid();
    }

    @Override
    public Uni<Void> putGrant(String teamId, String environment, String userId, Grant grant) {
        return upsert(GrantRow.find("organizationId = ?1 and teamId = ?2 and environment = ?3 and userId = ?4",
                org, teamId, environment, userId), GrantRow::new, row -> {
            row.organizationId = org;
            row.teamId = teamId;
            row.environment = environment;
            row.userId = userId;
            row.expiresAt = grant.expiresAt();
            row.expired = grant.expired();
        });
    }

    @Override
    public Uni<Void> deleteGrants(String teamId, String environment, String userId) {
        StringBuilder query = new StringBuilder("organizationId = ?1");
        List<Object> parameters = new ArrayList<>(List.of(org));
        where(query, parameters, "teamId", teamId);
        where(query, parameters, "environment", environment);
        where(query, parameters, "userId", userId);
        return GrantRow.delete(query.toString(), parameters.toArray()).replaceWithVoid();
    }

    private static void where(StringBuilder query, List<Object> parameters, String field, String value) {
        if (value != null) {
            parameters.add(value);
            query.append(" and ").append(field).append(" = ?").append(parameters.size());
        }
    }

    @Override
    public Uni<Void> changeApiKey(String prefix, UnaryOperator<ApiKey> change) {
        return ApiKeyRow.<ApiKeyRow>findById(prefix)
                .chain(found -> {
                    ApiKey key = found == null ? null : new ApiKey(found.organizationId, found.userId, found.name,
                            found.type, found.secretSha256, found.deleted);
                    ApiKey changed = change.apply(key);
                    if (changed == null || changed.equals(key)) {
                        return Uni.createFrom().voidItem();
                    }
                    ApiKeyRow row = found != null ? found : new ApiKeyRow();
                    row.prefix = prefix;
                    row.organizationId = changed.organizationId();
                    row.userId = changed.userId();
                    row.name = changed.name();
                    row.type = changed.type();
                    row.secretSha256 = changed.secretSha256();
                    row.deleted = changed.deleted();
                    return row.persist().replaceWithVoid();
                });
    }

    @Override
    public Uni<Void> deleteApiKeysOf(String userId) {
        return ApiKeyRow.update("deleted = true where organizationId = ?1 and userId = ?2", org, userId)
                .replaceWithVoid();
    }

    /** Sets the fields of the one row {@code query} names, or of a new one. */
    private static <T extends PanacheEntityBase> Uni<Void> upsert(PanacheQuery<T> query, Supplier<T> fresh,
                                                                Consumer<T> fields) {
        return existing(query)
                .chain(found -> {
                    T row = found != null ? found : fresh.get();
                    fields.accept(row);
                    return row.persist();
                })
                .replaceWithVoid();
    }

    /** The one row a natural key names, or null. Without LIMIT, Hibernate reuses the translated SQL. */
    private static <T> Uni<T> existing(PanacheQuery<T> query) {
        return query.list().map(rows -> rows.isEmpty() ? null : rows.get(0));
    }
}
