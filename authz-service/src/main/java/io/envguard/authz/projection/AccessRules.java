package io.envguard.authz.projection;

import io.envguard.authz.projection.AccessTableFold.ApiKey;
import io.envguard.authz.projection.AccessTableFold.Grant;
import io.envguard.authz.projection.AccessTableFold.Member;
import io.envguard.contract.event.EnvironmentCloudEvent;
import io.envguard.contract.event.EnvironmentEvent;
import io.envguard.contract.event.EnvironmentEvent.AccessGranted;
import io.envguard.contract.event.EnvironmentEvent.AccessRevoked;
import io.envguard.contract.event.EnvironmentEvent.ApiKeyCreated;
import io.envguard.contract.event.EnvironmentEvent.ApiKeyDeleted;
import io.envguard.contract.event.EnvironmentEvent.EnvironmentGroupCreated;
import io.envguard.contract.event.EnvironmentEvent.EnvironmentGroupRestricted;
import io.envguard.contract.event.EnvironmentEvent.EnvironmentGroupUnrestricted;
import io.envguard.contract.event.EnvironmentEvent.GrantExpired;
import io.envguard.contract.event.EnvironmentEvent.MemberAdded;
import io.envguard.contract.event.EnvironmentEvent.MemberRemoved;
import io.envguard.contract.event.EnvironmentEvent.MemberRoleChanged;
import io.envguard.contract.event.EnvironmentEvent.OrganizationCreated;
import io.envguard.contract.event.EnvironmentEvent.TeamCreated;
import io.envguard.contract.event.EnvironmentEvent.TeamMemberAdded;
import io.envguard.contract.event.EnvironmentEvent.TeamMemberRemoved;
import io.envguard.contract.event.Role;
import java.util.Arrays;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * What each event does to the access table: one handler per event type, written once against {@link AccessRows}, so
 * that the live projection ({@link AccessProjection}) and a rebuild's fold ({@link AccessTableFold}) apply the same
 * rules.
 */
final class AccessRules<E> implements EnvironmentEvent.Handler<E> {

    private static final Logger LOG = Logger.getLogger(AccessRules.class);
    private static final String[] STANDARD_ENVIRONMENTS = {"production", "development"};

    private final EnvironmentCloudEvent event;
    private final AccessRows<E> rows;

    private AccessRules(EnvironmentCloudEvent event, AccessRows<E> rows) {
        this.event = event;
        this.rows = rows;
    }

    /** The changes {@code event} makes to the organisation's {@code rows}. */
    static <E> E changes(EnvironmentCloudEvent event, AccessRows<E> rows) {
        // Consumers ignore types they do not know; the position still moves so that later events apply.
        return event.data() == null ? rows.all(Arrays.asList()) : new AccessRules<>(event, rows).handle(event.data());
    }

    @Override
    public E on(OrganizationCreated e) {
        return rows.all(Arrays.asList(createTeam(e.defaultTeamId(), "default", true),
                putMember(e.admin().userId(), e.admin().email(), e.admin().name(), Role.ADMIN)));
    }

    @Override
    public E on(MemberAdded e) {
        return putMember(e.userId(), e.email(), e.name(), e.role());
    }

    @Override
    public E on(MemberRoleChanged e) {
        String role = e.role().name();
        return rows.changeMember(e.userId(), member -> new Member(member.email(), member.name(), role,
                role.equals(Role.MEMBER.name()) && (Role.ADMIN.name().equals(member.role()) || member.demoted())));
    }

    /** All their team memberships, grants and API keys end with it. */
    @Override
    public E on(MemberRemoved e) {
        return rows.all(Arrays.asList(rows.deleteMember(e.userId()), rows.deleteTeamMembers(null, e.userId()),
                rows.deleteGrants(null, null, e.userId()), rows.deleteApiKeysOf(e.userId())));
    }

    @Override
    public E on(TeamCreated e) {
        return createTeam(e.teamId(), e.name(), false);
    }

    @Override
    public E on(TeamMemberAdded e) {
        return rows.putTeamMember(e.teamId(), e.userId(), e.role().name());
    }

    /** Their grants in that team end with it. */
    @Override
    public E on(TeamMemberRemoved e) {
        return rows.all(Arrays.asList(rows.deleteTeamMembers(e.teamId(), e.userId()),
                rows.deleteGrants(e.teamId(), null, e.userId())));
    }

    @Override
    public E on(EnvironmentGroupCreated e) {
        return rows.putGroup(e.teamId(), e.environment(), e.isRestricted());
    }

    @Override
    public E on(EnvironmentGroupRestricted e) {
        return rows.putGroup(e.teamId(), e.environment(), true);
    }

    @Override
    public E on(EnvironmentGroupUnrestricted e) {
        return rows.all(Arrays.asList(rows.putGroup(e.teamId(), e.environment(), false),
                rows.deleteGrants(e.teamId(), e.environment(), null)));
    }

    /** A new expiry replaces the old one. */
    @Override
    public E on(AccessGranted e) {
        return rows.putGrant(e.teamId(), e.environment(), e.userId(), new Grant(e.expiresAt(), false));
    }

    @Override
    public E on(AccessRevoked e) {
        return rows.deleteGrants(e.teamId(), e.environment(), e.userId());
    }

    /** Kept, as expired, so that a check can answer GRANT_EXPIRED. */
    @Override
    public E on(GrantExpired e) {
        return rows.putGrant(e.teamId(), e.environment(), e.userId(), new Grant(e.expiredAt(), true));
    }

    /** A key belongs to one organisation for good: another's event neither takes it over nor revives it. */
    @Override
    public E on(ApiKeyCreated e) {
        String organizationId = event.organizationId();
        return rows.changeApiKey(e.prefix(), key -> {
            if (key != null && !key.organizationId().equals(organizationId)) {
                LOG.errorf("ignoring ApiKeyCreated at revision %d of %s: key %s belongs to organisation %s",
                        event.revision(), organizationId, e.prefix(), key.organizationId());
                return key;
            }
            return new ApiKey(organizationId, e.userId(), e.name(), e.type(),
                    e.secretSha256().toLowerCase(Locale.ROOT), false);
        });
    }

    @Override
    public E on(ApiKeyDeleted e) {
        return rows.changeApiKey(e.prefix(), key -> key != null && key.organizationId().equals(event.organizationId())
                ? key.asDeleted() : key);
    }

    /** A team holds {@code production} and {@code development}, unrestricted, from the start. */
    private E createTeam(String teamId, String name, boolean isDefault) {
        return rows.all(Arrays.asList(rows.putTeam(teamId, name, isDefault),
                rows.putGroup(teamId, STANDARD_ENVIRONMENTS[0], false),
                rows.putGroup(teamId, STANDARD_ENVIRONMENTS[1], false)));
    }

    private E putMember(String userId, String email, String name, Role role) {
        return rows.putMember(userId, new Member(email == null ? null : email.toLowerCase(Locale.ROOT), name,
                role.name(), false));
    }
}
