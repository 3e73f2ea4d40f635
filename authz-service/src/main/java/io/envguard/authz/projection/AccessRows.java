package io.envguard.authz.projection;

import io.envguard.authz.projection.AccessTableFold.ApiKey;
import io.envguard.authz.projection.AccessTableFold.Grant;
import io.envguard.authz.projection.AccessTableFold.Member;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The rows of one organisation in the access table, as {@link AccessRules} changes them: the live tables (or a shadow
 * schema laid out alike) in {@link AccessTableRows}, the rows of a rebuild folded in memory in {@link AccessTableFold}.
 * Each method is one change of {@code E}, the form a change takes there (a database step, or done at once); none
 * decides anything, so that every rule stays in {@link AccessRules}.
 *
 * @param <E> one change, or several in sequence ({@link #all})
 */
interface AccessRows<E> {

    /** The changes in order. */
    E all(List<E> changes);

    E putTeam(String teamId, String name, boolean isDefault);

    E putGroup(String teamId, String environment, boolean restricted);

    E putMember(String userId, Member member);

    /** Replaces a member by what {@code change} makes of it; nothing when there is no such member. */
    E changeMember(String userId, UnaryOperator<Member> change);

    E deleteMember(String userId);

    E putTeamMember(String teamId, String userId, String role);

    /** The user's membership of the team, or of every team when {@code teamId} is null. */
    E deleteTeamMembers(String teamId, String userId);

    E putGrant(String teamId, String environment, String userId, Grant grant);

    /**
     * The grants on the team's environment group of the user; a null {@code environment} or {@code userId} matches
     * any, as does a null {@code teamId} (then {@code environment} is null too).
     */
    E deleteGrants(String teamId, String environment, String userId);

    /**
     * Replaces an API key by what {@code change} makes of it (null when the prefix names no key yet; returning the
     * key it was given changes nothing). Prefixes are unique across organisations: the key may be another's.
     */
    E changeApiKey(String prefix, UnaryOperator<ApiKey> change);

    /** Marks the organisation's API keys of the user deleted. */
    E deleteApiKeysOf(String userId);
}
