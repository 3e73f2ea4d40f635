package io.envguard.authz.check;

import io.envguard.authz.identity.Caller;
import io.envguard.authz.projection.ReplicaLeases;
import io.envguard.contract.decision.Action;
import io.envguard.edge.error.ApiException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.Map;

/** The internal API the other services call with the end user's own credential (docs/architecture.md). */
@Path("/internal/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InternalCheckResource {

    /** The longest a revision wait may ask for, whatever {@code wait_ms} says. */
    private static final long MAX_WAIT_MS = 30_000;

    private final CheckService checks;
    private final SecurityIdentity identity;
    private final ReplicaLeases leases;

    public InternalCheckResource(CheckService checks, SecurityIdentity identity, ReplicaLeases leases) {
        this.checks = checks;
        this.identity = identity;
        this.leases = leases;
    }

    public record CheckBody(String organizationId, String teamId, String environment, String action, Long minRevision) {
    }

    public record Revision(long revision) {
    }

    @POST
    @Path("/checks")
    public Uni<Decision> check(CheckBody body) {
        if (body == null) {
            throw ApiException.validation("a JSON body is required", Map.of());
        }
        return checks.check(Caller.of(identity), request(body, ""));
    }

    private static CheckRequest request(CheckBody body, String field) {
        Validation v = new Validation()
                .required(field + "organization_id", body.organizationId())
                .required(field + "team_id", body.teamId())
                .required(field + "environment", body.environment());
        Action action = v.action(field + "action", body.action());
        if (body.minRevision() != null && body.minRevision() < 0) {
            v.invalid(field + "min_revision", "must not be negative");
        }
        v.throwIfInvalid();
        return new CheckRequest(body.organizationId(), body.teamId(), body.environment(), action, body.minRevision());
    }

    @GET
    @Path("/organizations/{organizationId}/revision")
    public Uni<Revision> revision(@PathParam("organizationId") String organizationId,
                                  @QueryParam("at_least") @DefaultValue("0") long atLeast,
                                  @QueryParam("wait_ms") @DefaultValue("0") long waitMs) {
        if (atLeast < 0 || waitMs < 0) {
            throw ApiException.validation("at_least and wait_ms must not be negative", Map.of());
        }
        // Reached here, then heard by every replica that answers from memory: a change confirmed by this answer is
        // seen by every check that starts after it, whichever replica answers (docs/architecture.md, "Replicas").
        Duration wait = Duration.ofMillis(Math.min(waitMs, MAX_WAIT_MS));
        return checks.reach(organizationId, atLeast, wait)
                .call(revision -> leases.barrier(wait))
                .map(Revision::new);
    }
}
