package io.envguard.authz.consistency;

import io.envguard.edge.error.ApiException;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.Map;

/**
 * {@code GET /internal/v1/organizations/{organization_id}/revision?at_least=N&wait_ms=M}: what environment-service
 * calls before it answers a change (the internal API, docs/architecture.md; how it holds: {@link RevisionWait}).
 */
@Path("/internal/v1/organizations/{organizationId}/revision")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class RevisionResource {

    /** The longest a revision wait may ask for, whatever {@code wait_ms} says. */
    private static final long MAX_WAIT_MS = 30_000;

    private final RevisionWait revisions;
    private final ReplicaLeases leases;

    public RevisionResource(RevisionWait revisions, ReplicaLeases leases) {
        this.revisions = revisions;
        this.leases = leases;
    }

    public record Revision(long revision) {
    }

    @GET
    public Uni<Revision> revision(@PathParam("organizationId") String organizationId,
                                  @QueryParam("at_least") @DefaultValue("0") long atLeast,
                                  @QueryParam("wait_ms") @DefaultValue("0") long waitMs) {
        if (atLeast < 0 || waitMs < 0) {
            throw ApiException.validation("at_least and wait_ms must not be negative", Map.of());
        }
        // Reached here, then heard by every replica that answers from memory: a change confirmed by this answer is
        // seen by every check that starts after it, whichever replica answers (docs/architecture.md, "Replicas").
        Duration wait = Duration.ofMillis(Math.min(waitMs, MAX_WAIT_MS));
        return revisions.reach(organizationId, atLeast, wait)
                .call(revision -> leases.barrier(wait))
                .map(Revision::new);
    }
}
