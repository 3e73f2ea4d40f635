package io.envguard.authz.projection;

import io.envguard.authz.operator.Operators;
import io.envguard.edge.error.ApiException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * {@code POST /internal/v1/access-table/rebuild} starts a rebuild from the topic (202), {@code GET} shows its progress.
 * A platform operation, for operators only ({@link Operators}): it reads every organisation's history, and anyone can
 * become an organisation's admin. Not routed by the gateway either.
 */
@Path("/internal/v1/access-table/rebuild")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AccessTableRebuildResource {

    private final AccessTableRebuild rebuild;
    private final Operators operators;
    private final SecurityIdentity identity;

    public AccessTableRebuildResource(AccessTableRebuild rebuild, Operators operators, SecurityIdentity identity) {
        this.rebuild = rebuild;
        this.operators = operators;
        this.identity = identity;
    }

    @POST
    public Response start() {
        operators.require(identity, "rebuilding the access table");
        if (!rebuild.start()) {
            throw new ApiException(409, "CONFLICT", "a rebuild is already running", Map.of());
        }
        return Response.accepted(rebuild.status()).build();
    }

    @GET
    public AccessTableRebuild.Status status() {
        operators.require(identity, "the access table's rebuild status");
        return rebuild.status();
    }
}
