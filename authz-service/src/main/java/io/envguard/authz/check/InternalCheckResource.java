package io.envguard.authz.check;

import io.envguard.authz.identity.Caller;
import io.envguard.contract.decision.Action;
import io.envguard.edge.error.ApiException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** The internal API the other services call with the end user's own credential (docs/architecture.md). */
@Path("/internal/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InternalCheckResource {

    private final CheckService checks;
    private final SecurityIdentity identity;

    public InternalCheckResource(CheckService checks, SecurityIdentity identity) {
        this.checks = checks;
        this.identity = identity;
    }

    public record CheckBody(String organizationId, String teamId, String environment, String action, Long minRevision) {
    }

    @POST
    @Path("/checks")
    public Uni<Decision> check(CheckBody body) {
        if (body == null) {
            throw ApiException.validation("a JSON body is required", Map.of());
        }
        return checks.check(Caller.of(identity), request(body));
    }

    /** The body as a check, or a 400 naming every field that is missing or invalid. */
    static CheckRequest request(CheckBody body) {
        Validation v = new Validation()
                .required("organization_id", body.organizationId())
                .required("team_id", body.teamId())
                .required("environment", body.environment());
        Action action = v.action("action", body.action());
        if (body.minRevision() != null && body.minRevision() < 0) {
            v.invalid("min_revision", "must not be negative");
        }
        v.throwIfInvalid();
        return new CheckRequest(body.organizationId(), body.teamId(), body.environment(), action, body.minRevision());
    }
}
