package io.envguard.authz.check;

import io.envguard.authz.error.ApiException;
import io.envguard.authz.identity.Caller;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The internal API the other services call with the end user's own credential (docs/architecture.md). */
@Path("/internal/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InternalCheckResource {

    /** The longest a revision wait may ask for, whatever {@code wait_ms} says. */
    private static final long MAX_WAIT_MS = 30_000;
    private static final int MAX_BATCH = 100;

    private final CheckService checks;
    private final SecurityIdentity identity;

    public InternalCheckResource(CheckService checks, SecurityIdentity identity) {
        this.checks = checks;
        this.identity = identity;
    }

    public record CheckBody(String organizationId, String teamId, String environment, String action, Long minRevision) {
    }

    public record Revision(long revision) {
    }

    public record BatchBody(List<CheckBody> checks) {
    }

    public record BatchResult(List<Decision> results) {
    }

    @POST
    @Path("/checks")
    public Uni<Decision> check(CheckBody body) {
        if (body == null) {
            throw ApiException.validation("a JSON body is required", Map.of());
        }
        return checks.check(Caller.of(identity), request(body, ""));
    }

    /** Several checks for the same caller, answered in order; one that cannot be answered fails the batch (503). */
    @POST
    @Path("/checks/batch")
    public Uni<BatchResult> checkAll(BatchBody body) {
        if (body == null || body.checks() == null || body.checks().isEmpty() || body.checks().size() > MAX_BATCH) {
            throw ApiException.validation("checks must hold 1 to " + MAX_BATCH + " checks", Map.of("checks", "size"));
        }
        List<CheckRequest> requests = new ArrayList<>();
        for (int i = 0; i < body.checks().size(); i++) {
            CheckBody item = body.checks().get(i);
            if (item == null) {
                throw ApiException.validation("a check is missing", Map.of("checks[" + i + "]", "is required"));
            }
            requests.add(request(item, "checks[" + i + "]."));
        }
        Caller caller = Caller.of(identity);
        return Multi.createFrom().iterable(requests)
                .onItem().transformToUniAndConcatenate(request -> checks.check(caller, request))
                .collect().asList()
                .map(BatchResult::new);
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

    /** The who-has-access listing of one environment of one team, from the same decision as the checks. */
    @GET
    @Path("/organizations/{organizationId}/teams/{teamId}/environments/{environment}/access")
    public Uni<AccessList> access(@PathParam("organizationId") String organizationId,
                                  @PathParam("teamId") String teamId,
                                  @PathParam("environment") String environment,
                                  @QueryParam("min_revision") Long minRevision) {
        return checks.accessList(Caller.of(identity), organizationId, teamId, environment, minRevision);
    }

    @GET
    @Path("/organizations/{organizationId}/revision")
    public Uni<Revision> revision(@PathParam("organizationId") String organizationId,
                                  @QueryParam("at_least") @DefaultValue("0") long atLeast,
                                  @QueryParam("wait_ms") @DefaultValue("0") long waitMs) {
        if (atLeast < 0 || waitMs < 0) {
            throw ApiException.validation("at_least and wait_ms must not be negative", Map.of());
        }
        return checks.reach(organizationId, atLeast, Duration.ofMillis(Math.min(waitMs, MAX_WAIT_MS)))
                .map(Revision::new);
    }
}
