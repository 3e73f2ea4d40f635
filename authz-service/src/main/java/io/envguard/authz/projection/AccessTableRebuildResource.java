package io.envguard.authz.projection;

import io.envguard.authz.error.ApiException;
import io.envguard.authz.identity.Caller;
import io.envguard.authz.identity.Principals;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * {@code POST /internal/v1/access-table/rebuild} starts a rebuild from the topic (202), {@code GET} shows its progress.
 * For organisation admins only: not routed by the gateway, and costly enough not to be anyone's to start.
 */
@Path("/internal/v1/access-table/rebuild")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AccessTableRebuildResource {

    private final AccessTableRebuild rebuild;
    private final Principals principals;
    private final SecurityIdentity identity;

    public AccessTableRebuildResource(AccessTableRebuild rebuild, Principals principals, SecurityIdentity identity) {
        this.rebuild = rebuild;
        this.principals = principals;
        this.identity = identity;
    }

    @POST
    public Uni<Response> start() {
        return adminOnly().map(ignored -> {
            if (!rebuild.start()) {
                throw new ApiException(409, "CONFLICT", "a rebuild is already running", Map.of());
            }
            return Response.accepted(rebuild.status()).build();
        });
    }

    @GET
    public Uni<AccessTableRebuild.Status> status() {
        return adminOnly().map(ignored -> rebuild.status());
    }

    private Uni<Void> adminOnly() {
        return principals.resolve(Caller.of(identity)).map(principal -> {
            if (!principal.orgAdmin()) {
                throw ApiException.forbidden("only organisation admins may rebuild the access table");
            }
            return null;
        });
    }
}
