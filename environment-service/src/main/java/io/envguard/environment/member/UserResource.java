package io.envguard.environment.member;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.envguard.environment.identity.Caller;
import io.envguard.environment.identity.CurrentCaller;
import io.envguard.environment.error.DomainException;
import io.envguard.environment.organization.OrganizationReader;
import io.envguard.environment.organization.OrganizationState;
import io.envguard.environment.organization.OrganizationState.Member;
import io.envguard.contract.event.Role;
import io.envguard.environment.paging.Cursors;
import io.envguard.environment.paging.Cursors.Pagination;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Baseten's users of the caller's workspace (the organisation): {@code UserInfoV1} ({@code workspace_name} is the
 * organisation's name) with the organisation and the role in it beside. {@code /v1/users/me} answers a user of no
 * organisation too, without those; a user of another organisation is 404, as everywhere.
 */
@Path("/v1/users")
@Authenticated
public class UserResource {

    /** Baseten's {@code UsersResponseV1}. */
    public record UserPage(List<UserInfo> items, Pagination pagination) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UserInfo(String userId, String email, String name, String workspaceName, String organizationId,
                           Role role, String apiKeyPrefix) {

        static UserInfo of(OrganizationState organization, Member member, String apiKeyPrefix) {
            return new UserInfo(member.userId(), member.email(), member.name(), organization.name(),
                    organization.organizationId(), member.role(), apiKeyPrefix);
        }
    }

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final CurrentCaller callers;
    private final OrganizationReader reader;

    UserResource(CurrentCaller callers, OrganizationReader reader) {
        this.callers = callers;
        this.reader = reader;
    }

    /** The organisation's members by email; {@code email} keeps only the member of that address (any case). */
    @GET
    public UserPage list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit,
                         @QueryParam("email") String email) {
        int size = Cursors.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        String after = Cursors.decode(cursor, key -> key);
        String wanted = email == null ? null : email.strip().toLowerCase(Locale.ROOT);
        OrganizationState organization = organization();
        List<Member> remaining = organization.members().stream()
                .filter(member -> wanted == null || member.email().equals(wanted))
                .filter(member -> after == null || member.email().compareTo(after) > 0)
                .sorted(Comparator.comparing(Member::email))
                .toList();
        List<UserInfo> items = remaining.stream().limit(size)
                .map(member -> UserInfo.of(organization, member, null))
                .toList();
        boolean hasMore = remaining.size() > size;
        return new UserPage(items, new Pagination(hasMore, hasMore ? Cursors.encode(items.get(items.size() - 1).email()) : null));
    }

    @GET
    @Path("me")
    public UserInfo me() {
        Caller caller = callers.get();
        if (caller.organizationId() == null) {
            return new UserInfo(caller.userId(), caller.email(), caller.name(), null, null, null,
                    caller.apiKeyPrefix());
        }
        OrganizationState organization = reader.current(caller.organizationId());
        Role role = organization.member(caller.userId()).map(Member::role).orElse(null);
        return new UserInfo(caller.userId(), caller.email(), caller.name(), organization.name(),
                organization.organizationId(), role, caller.apiKeyPrefix());
    }

    @GET
    @Path("{user_id}")
    public UserInfo get(@PathParam("user_id") String userId) {
        OrganizationState organization = organization();
        return organization.member(userId).map(member -> UserInfo.of(organization, member, null))
                .orElseThrow(() -> DomainException.notFound("no such user"));
    }

    private OrganizationState organization() {
        return reader.current(callers.get().requireOrganization());
    }
}
