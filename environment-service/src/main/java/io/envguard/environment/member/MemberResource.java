package io.envguard.environment.member;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.envguard.edge.identity.Emails;
import io.envguard.environment.consistency.Revisions;
import io.envguard.environment.identity.Caller;
import io.envguard.environment.identity.CurrentCaller;
import io.envguard.environment.identity.User;
import io.envguard.environment.identity.UserDirectory;
import io.envguard.environment.error.DomainException;
import io.envguard.environment.naming.Names;
import io.envguard.environment.organization.OrganizationCommand.AddMember;
import io.envguard.environment.organization.OrganizationCommand.ChangeMemberRole;
import io.envguard.environment.organization.OrganizationCommand.RemoveMember;
import io.envguard.environment.organization.OrganizationCommands;
import io.envguard.environment.organization.OrganizationReader;
import io.envguard.environment.organization.OrganizationState;
import io.envguard.environment.organization.OrganizationState.Member;
import io.envguard.contract.event.Role;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Members of the caller's organisation: add, search, get, change role, remove. */
@Path("/v1/members")
@Authenticated
public class MemberResource {

    public record AddMemberRequest(String email, String name, Role role) {
    }

    public record ChangeRoleRequest(Role role) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MemberView(String userId, String email, String name, Role role, Long revision) {
        static MemberView of(Member member, Long revision) {
            return new MemberView(member.userId(), member.email(), member.name(), member.role(), revision);
        }
    }

    public record MemberList(List<MemberView> items) {
    }

    private final CurrentCaller callers;
    private final UserDirectory users;
    private final OrganizationCommands commands;
    private final OrganizationReader reader;

    MemberResource(CurrentCaller callers, UserDirectory users, OrganizationCommands commands,
                   OrganizationReader reader) {
        this.callers = callers;
        this.users = users;
        this.commands = commands;
        this.reader = reader;
    }

    @POST
    public Response add(AddMemberRequest request) {
        Caller caller = callers.get();
        String organizationId = caller.requireOrganization();
        if (request == null) {
            throw DomainException.invalid("email", "is required");
        }
        String email = Emails.normalize(request.email())
                .orElseThrow(() -> DomainException.invalid("email", "must be a valid email address"));
        if (request.role() == null) {
            throw DomainException.invalid("role", "must be ADMIN or MEMBER");
        }
        String requestedName = request.name() == null ? null
                : Names.requireDisplayName("name", request.name());
        User user = users.findOrCreate(email, requestedName);
        String name = requestedName != null ? requestedName
                : user.name() != null ? user.name() : email.substring(0, email.indexOf('@'));
        long revision = commands.send(caller,
                new AddMember(organizationId, caller.userId(), user.userId(), email, name, request.role()),
                () -> users.claim(user.userId(), organizationId), false);
        return Revisions.created(new MemberView(user.userId(), email, name, request.role(), revision), revision);
    }

    @GET
    public MemberList search(@QueryParam("query") String query) {
        OrganizationState state = organization();
        String needle = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        return new MemberList(state.members().stream()
                .filter(m -> matches(m.email(), needle) || matches(m.name(), needle))
                .map(m -> MemberView.of(m, null))
                .toList());
    }

    @GET
    @Path("{user_id}")
    public MemberView get(@PathParam("user_id") String userId) {
        return MemberView.of(requireMember(organization(), userId), null);
    }

    @PATCH
    @Path("{user_id}")
    public Response changeRole(@PathParam("user_id") String userId, ChangeRoleRequest request) {
        Caller caller = callers.get();
        Member member = requireMember(organization(), userId);
        if (request == null || request.role() == null) {
            throw DomainException.invalid("role", "must be ADMIN or MEMBER");
        }
        long revision = commands.send(caller,
                new ChangeMemberRole(caller.requireOrganization(), caller.userId(), userId, request.role()));
        return Revisions.ok(new MemberView(userId, member.email(), member.name(), request.role(), revision), revision);
    }

    @DELETE
    @Path("{user_id}")
    public Response remove(@PathParam("user_id") String userId) {
        Caller caller = callers.get();
        Member member = requireMember(organization(), userId);
        long revision = commands.send(caller,
                new RemoveMember(caller.requireOrganization(), caller.userId(), userId), () -> { },
                userId.equals(caller.userId()));
        return Revisions.ok(Map.of("user_id", member.userId(), "revision", revision), revision);
    }

    private OrganizationState organization() {
        return reader.current(callers.get().requireOrganization());
    }

    private static Member requireMember(OrganizationState state, String userId) {
        return state.member(userId).orElseThrow(() -> DomainException.notFound("no such member"));
    }

    private static boolean matches(String value, String needle) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(needle);
    }
}
