package io.envguard.authz.identity;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /internal/v1/principal}: who the forwarded credential belongs to. */
@Path("/internal/v1/principal")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class PrincipalResource {

    private final Principals principals;
    private final SecurityIdentity identity;

    public PrincipalResource(Principals principals, SecurityIdentity identity) {
        this.principals = principals;
        this.identity = identity;
    }

    @GET
    public Uni<Principal> principal() {
        return principals.resolve(Caller.of(identity));
    }
}
