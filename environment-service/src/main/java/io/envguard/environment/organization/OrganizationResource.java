package io.envguard.environment.organization;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.envguard.environment.consistency.Revisions;
import io.envguard.environment.error.DomainException;
import io.envguard.environment.identity.Caller;
import io.envguard.environment.identity.CurrentCaller;
import io.envguard.environment.identity.UserDirectory;
import io.envguard.environment.naming.Names;
import io.envguard.environment.organization.OrganizationCommand.CreateOrganization;
import io.envguard.contract.event.EnvironmentEvent.UserRef;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import java.util.UUID;

/** {@code POST /v1/organizations} and {@code GET /v1/organization}. */
@Path("/v1")
@Authenticated
public class OrganizationResource {

    public record CreateOrganizationRequest(String name) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrganizationView(String id, String name, String defaultTeamId, long revision) {
    }

    private final CurrentCaller callers;
    private final UserDirectory users;
    private final OrganizationCommands commands;
    private final OrganizationReader reader;

    OrganizationResource(CurrentCaller callers, UserDirectory users, OrganizationCommands commands,
                         OrganizationReader reader) {
        this.callers = callers;
        this.users = users;
        this.commands = commands;
        this.reader = reader;
    }

    @POST
    @Path("organizations")
    public Response create(CreateOrganizationRequest request) {
        Caller caller = callers.get();
        String name = Names.requireDisplayName("name", request == null ? null : request.name());
        if (caller.organizationId() != null) {
            throw DomainException.conflict("you already belong to an organization");
        }
        String organizationId = UUID.randomUUID().toString();
        String defaultTeamId = UUID.randomUUID().toString();
        CreateOrganization command = new CreateOrganization(organizationId, name, defaultTeamId,
                new UserRef(caller.userId(), caller.email(), caller.name()));
        long revision = commands.send(caller, command, () -> users.claim(caller.userId(), organizationId), false);
        return Revisions.created(new OrganizationView(organizationId, name, defaultTeamId, revision), revision);
    }

    @GET
    @Path("organization")
    public OrganizationView current() {
        OrganizationState state = reader.current(callers.get().requireOrganization());
        return new OrganizationView(state.organizationId(), state.name(), state.defaultTeamId(), state.revision());
    }
}
