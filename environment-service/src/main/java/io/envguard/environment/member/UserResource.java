package io.envguard.environment.member;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.envguard.environment.identity.Caller;
import io.envguard.environment.identity.CurrentCaller;
import io.envguard.environment.organization.OrganizationReader;
import io.envguard.environment.organization.OrganizationState;
import io.envguard.environment.organization.OrganizationState.Member;
import io.envguard.environment.organization.Role;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * {@code GET /v1/users/me}: who the credential acts as, with Baseten's {@code UserInfoV1} fields ({@code workspace_name}
 * is the organisation's name) and, beside them, the organisation and the role in it. A user of no organisation is
 * answered too, without those.
 */
@Path("/v1/users")
@Authenticated
public class UserResource {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UserInfo(String userId, String email, String name, String workspaceName, String organizationId,
                           Role role, String apiKeyPrefix) {
    }

    private final CurrentCaller callers;
    private final OrganizationReader reader;

    UserResource(CurrentCaller callers, OrganizationReader reader) {
        this.callers = callers;
        this.reader = reader;
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
}
