package io.envguard.authz.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Applies environment events to the access table. One call of {@link #apply} is one transaction that changes the rows
 * and the organisation's position together, so a redelivered event is recognised by its revision and changes nothing.
 */
@ApplicationScoped
public class AccessProjection {

    private static final Logger LOG = Logger.getLogger(AccessProjection.class);
    private static final String[] STANDARD_ENVIRONMENTS = {"production", "development"};

    /** What happened to one event. */
    public enum Result { APPLIED, DUPLICATE, HELD }

    /** @param revision the organisation's position after the transaction */
    public record Outcome(Result result, String organizationId, long revision) {
    }

    private final ObjectMapper mapper;

    public AccessProjection(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Applies one event, and then any held events it unblocks, in one transaction, which also tells every replica
     * the organisation's new position once it commits ({@link PositionNotifications}).
     */
    public Uni<Outcome> apply(EnvironmentEvent event) {
        return Panache.withTransaction(() -> applyInTransaction(event)
                .call(outcome -> outcome.result() == Result.APPLIED ? announce(outcome) : Uni.createFrom().voidItem()));
    }

    private static Uni<?> announce(Outcome outcome) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select 1 from pg_notify(?1, ?2)")
                .setParameter(1, PositionNotifications.CHANNEL)
                .setParameter(2, outcome.organizationId() + " " + outcome.revision())
                .getSingleResult());
    }

    /**
     * Applies events in order, in one transaction, to the tables of another schema with the same layout: how a shadow
     * access table is rebuilt by the very code that builds the live one.
     */
    public Uni<List<Outcome>> applyAllToSchema(String schema, List<EnvironmentEvent> events) {
        if (!schema.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a schema name: " + schema);
        }
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery("SET LOCAL search_path TO " + schema).executeUpdate())
                .chain(() -> Multi.createFrom().iterable(events)
                        .onItem().transformToUniAndConcatenate(this::applyInTransaction)
                        .collect().asList()));
    }

    private Uni<Outcome> applyInTransaction(EnvironmentEvent event) {
        return OrganizationPosition.<OrganizationPosition>findById(event.organizationId(), LockModeType.PESSIMISTIC_WRITE)
                .chain(found -> {
                    OrganizationPosition position = found != null ? found : newPosition(event.organizationId());
                    if (event.revision() <= position.revision) {
                        return Uni.createFrom().item(new Outcome(Result.DUPLICATE, event.organizationId(), position.revision));
                    }
                    if (event.revision() > position.revision + 1) {
                        return hold(event, position);
                    }
                    return applyInOrder(event, position)
                            .chain(() -> drainHeld(position))
                            .chain(position::persist)
                            .map(ignored -> new Outcome(Result.APPLIED, event.organizationId(), position.revision));
                });
    }

    private static OrganizationPosition newPosition(String organizationId) {
        OrganizationPosition position = new OrganizationPosition();
        position.organizationId = organizationId;
        position.revision = 0;
        return position;
    }

    private Uni<Outcome> hold(EnvironmentEvent event, OrganizationPosition position) {
        LOG.warnf("gap in organisation %s: at revision %d, received %d (%s); held until the gap closes",
                event.organizationId(), position.revision, event.revision(), event.type());
        HeldEvent held = new HeldEvent();
        held.key = new HeldEvent.Key(event.organizationId(), event.revision());
        held.payload = event.json();
        held.receivedAt = Instant.now();
        return Panache.getSession()
                .chain(session -> session.merge(held))
                .map(ignored -> new Outcome(Result.HELD, event.organizationId(), position.revision));
    }

    private Uni<Void> drainHeld(OrganizationPosition position) {
        return HeldEvent.<HeldEvent>findById(new HeldEvent.Key(position.organizationId, position.revision + 1))
                .chain(held -> {
                    if (held == null) {
                        return Uni.createFrom().voidItem();
                    }
                    EnvironmentEvent next;
                    try {
                        next = EnvironmentEvent.parse(mapper, held.payload);
                    } catch (EnvironmentEvent.MalformedEventException e) {
                        return Uni.createFrom().failure(new IllegalStateException("a held event is unreadable", e));
                    }
                    LOG.infof("gap in organisation %s closed; applying held revision %d", position.organizationId, next.revision());
                    return held.delete().chain(() -> applyInOrder(next, position)).chain(() -> drainHeld(position));
                });
    }

    private Uni<Void> applyInOrder(EnvironmentEvent event, OrganizationPosition position) {
        position.revision = event.revision();
        position.updatedAt = Instant.now();
        return change(event);
    }

    private Uni<Void> change(EnvironmentEvent e) {
        String org = e.organizationId();
        return switch (e.type()) {
            case "OrganizationCreated.v1" -> {
                String defaultTeam = e.field("default_team_id");
                var admin = e.data().path("admin");
                yield createTeam(org, defaultTeam, "default", true)
                        .chain(() -> putMember(org, admin.path("user_id").asText(), admin.path("email").asText(),
                                admin.path("name").asText(null), "ADMIN"));
            }
            case "MemberAdded.v1" -> putMember(org, e.field("user_id"), e.field("email"), e.field("name"), e.field("role"));
            case "MemberRoleChanged.v1" -> changeRole(org, e.field("user_id"), e.field("role"));
            case "MemberRemoved.v1" -> removeMember(org, e.field("user_id"));
            case "TeamCreated.v1" -> createTeam(org, e.field("team_id"), e.field("name"), false);
            case "TeamMemberAdded.v1" -> putTeamMember(org, e.field("team_id"), e.field("user_id"), e.field("role"));
            case "TeamMemberRemoved.v1" -> TeamMemberRow.delete("organizationId = ?1 and teamId = ?2 and userId = ?3",
                            org, e.field("team_id"), e.field("user_id"))
                    .chain(() -> GrantRow.delete("organizationId = ?1 and teamId = ?2 and userId = ?3",
                            org, e.field("team_id"), e.field("user_id")))
                    .replaceWithVoid();
            case "EnvironmentGroupCreated.v1" -> putGroup(org, e.field("team_id"), e.field("environment"),
                    e.data().path("is_restricted").asBoolean(false));
            case "EnvironmentGroupRestricted.v1" -> putGroup(org, e.field("team_id"), e.field("environment"), true);
            case "EnvironmentGroupUnrestricted.v1" -> putGroup(org, e.field("team_id"), e.field("environment"), false)
                    .chain(() -> GrantRow.delete("organizationId = ?1 and teamId = ?2 and environment = ?3",
                            org, e.field("team_id"), e.field("environment")))
                    .replaceWithVoid();
            case "AccessGranted.v1" -> putGrant(org, e.field("team_id"), e.field("environment"), e.field("user_id"),
                    instant(e.field("expires_at")), false);
            case "AccessRevoked.v1" -> GrantRow.delete("organizationId = ?1 and teamId = ?2 and environment = ?3 and userId = ?4",
                    org, e.field("team_id"), e.field("environment"), e.field("user_id")).replaceWithVoid();
            case "GrantExpired.v1" -> putGrant(org, e.field("team_id"), e.field("environment"), e.field("user_id"),
                    instant(e.field("expired_at")), true);
            case "ApiKeyCreated.v1" -> putApiKey(org, e);
            case "ApiKeyDeleted.v1" -> ApiKeyRow.update("deleted = true where prefix = ?1", e.field("prefix")).replaceWithVoid();
            default -> {
                // Consumers ignore types they do not know; the position still moves so that later events apply.
                LOG.debugf("ignoring event type %s at revision %d of %s", e.type(), e.revision(), org);
                yield Uni.createFrom().voidItem();
            }
        };
    }

    private static Uni<Void> createTeam(String org, String teamId, String name, boolean isDefault) {
        return existing(TeamRow.<TeamRow>find("organizationId = ?1 and teamId = ?2", org, teamId))
                .chain(found -> {
                    TeamRow team = found != null ? found : new TeamRow();
                    team.organizationId = org;
                    team.teamId = teamId;
                    team.name = name;
                    team.isDefault = isDefault;
                    return team.persist();
                })
                .chain(() -> putGroup(org, teamId, STANDARD_ENVIRONMENTS[0], false))
                .chain(() -> putGroup(org, teamId, STANDARD_ENVIRONMENTS[1], false));
    }

    private static Uni<Void> putMember(String org, String userId, String email, String name, String role) {
        return existing(MemberRow.<MemberRow>find("organizationId = ?1 and userId = ?2", org, userId))
                .chain(found -> {
                    MemberRow member = found != null ? found : new MemberRow();
                    member.organizationId = org;
                    member.userId = userId;
                    member.email = email == null ? null : email.toLowerCase(Locale.ROOT);
                    member.name = name;
                    member.role = role;
                    member.demoted = false;
                    return member.persist();
                })
                .replaceWithVoid();
    }

    private static Uni<Void> changeRole(String org, String userId, String role) {
        return existing(MemberRow.<MemberRow>find("organizationId = ?1 and userId = ?2", org, userId))
                .invoke(member -> {
                    if (member != null) {
                        boolean demotion = "MEMBER".equals(role) && ("ADMIN".equals(member.role) || member.demoted);
                        member.demoted = demotion;
                        member.role = role;
                    }
                })
                .replaceWithVoid();
    }

    private static Uni<Void> removeMember(String org, String userId) {
        return MemberRow.delete("organizationId = ?1 and userId = ?2", org, userId)
                .chain(() -> TeamMemberRow.delete("organizationId = ?1 and userId = ?2", org, userId))
                .chain(() -> GrantRow.delete("organizationId = ?1 and userId = ?2", org, userId))
                .chain(() -> ApiKeyRow.update("deleted = true where organizationId = ?1 and userId = ?2", org, userId))
                .replaceWithVoid();
    }

    private static Uni<Void> putTeamMember(String org, String teamId, String userId, String role) {
        return existing(TeamMemberRow.<TeamMemberRow>find("organizationId = ?1 and teamId = ?2 and userId = ?3", org, teamId, userId))
                .chain(found -> {
                    TeamMemberRow row = found != null ? found : new TeamMemberRow();
                    row.organizationId = org;
                    row.teamId = teamId;
                    row.userId = userId;
                    row.role = role;
                    return row.persist();
                })
                .replaceWithVoid();
    }

    private static Uni<Void> putGroup(String org, String teamId, String environment, boolean restricted) {
        return existing(EnvironmentGroupRow.<EnvironmentGroupRow>find("organizationId = ?1 and teamId = ?2 and environment = ?3",
                        org, teamId, environment))
                .chain(found -> {
                    EnvironmentGroupRow group = found != null ? found : new EnvironmentGroupRow();
                    group.organizationId = org;
                    group.teamId = teamId;
                    group.environment = environment;
                    group.restricted = restricted;
                    return group.persist();
                })
                .replaceWithVoid();
    }

    private static Uni<Void> putGrant(String org, String teamId, String environment, String userId, Instant at,
                                      boolean expired) {
        return existing(GrantRow.<GrantRow>find("organizationId = ?1 and teamId = ?2 and environment = ?3 and userId = ?4",
                        org, teamId, environment, userId))
                .chain(found -> {
                    GrantRow grant = found != null ? found : new GrantRow();
                    grant.organizationId = org;
                    grant.teamId = teamId;
                    grant.environment = environment;
                    grant.userId = userId;
                    grant.expiresAt = at;
                    grant.expired = expired;
                    return grant.persist();
                })
                .replaceWithVoid();
    }

    private static Uni<Void> putApiKey(String org, EnvironmentEvent e) {
        return ApiKeyRow.<ApiKeyRow>findById(e.field("prefix"))
                .chain(found -> {
                    ApiKeyRow key = found != null ? found : new ApiKeyRow();
                    key.prefix = e.field("prefix");
                    key.organizationId = org;
                    key.userId = e.field("user_id");
                    key.name = e.field("name");
                    key.type = e.field("type");
                    key.secretSha256 = e.field("secret_sha256").toLowerCase(Locale.ROOT);
                    key.deleted = false;
                    return key.persist();
                })
                .replaceWithVoid();
    }

    /** The one row a natural key names, or null. Without LIMIT, Hibernate reuses the translated SQL. */
    private static <T> Uni<T> existing(PanacheQuery<T> query) {
        return query.list().map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    private static Instant instant(String value) {
        return value == null || value.isBlank() ? null : OffsetDateTime.parse(value).toInstant();
    }
}
