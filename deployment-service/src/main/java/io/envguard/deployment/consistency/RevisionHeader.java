package io.envguard.deployment.consistency;

import io.envguard.edge.error.ApiException;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.Map;

/**
 * The {@code Platform-Revision} header both ways. A request may carry it to demand that its guarded changes are decided
 * at that access revision or a newer one (never from older state: 503 when authz-service does not reach it in time);
 * every change answers the revision it was decided at, in the header and the body.
 * <p>
 * The consistency mechanism end to end, from deployment-service's side (docs/architecture.md, "Guarded writes"):
 * <ol>
 *   <li>A change to access (environment-service) answers its revision only once authz-service has it and every
 *   authz replica that answers from memory has heard of it. A client that passes that revision here as
 *   {@code Platform-Revision} is decided on access at least that new.</li>
 *   <li>{@code authz.AuthenticationFilter} reads the header ({@link #demanded}, 400 when it is not a revision) into
 *   {@code Caller.minRevision}.</li>
 *   <li>{@code guard.AccessGuard} asks each check with {@code min_revision} = the demanded revision when it is newer
 *   than the principal's, otherwise the principal's. A check that must wait goes through
 *   {@code authz.AuthzGateway#checkAtRevision}: its own client ({@code authz-at-revision}) and circuit breaker, a
 *   1.25 s time-out over authz-service's 1 s wait, and "revision not reached" (503) is an answer that opens no
 *   breaker. No answer in time: 503 {@code AUTHZ_UNAVAILABLE}, nothing written.</li>
 *   <li>{@code guard.GuardedWrites} records the newest revision its decisions were made at in {@link DecidedRevision}
 *   once the write committed; this filter answers it in the header and, for a {@link Revisioned} body, in the body.</li>
 * </ol>
 */
public class RevisionHeader {

    public static final String HEADER = "Platform-Revision";
    /** Revisions are counts of events: a longer number is not one. */
    private static final int MAX_DIGITS = 18;

    private final DecidedRevision decidedRevision;

    RevisionHeader(DecidedRevision decidedRevision) {
        this.decidedRevision = decidedRevision;
    }

    /** The revision a request demands, null when it demands none; 400 when the header is not a revision. */
    public static Long demanded(String header) {
        if (header == null) {
            return null;
        }
        String value = header.trim();
        if (value.isEmpty() || value.length() > MAX_DIGITS || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ApiException(400, "VALIDATION_FAILED",
                    "the Platform-Revision header must be a revision: a whole number of 0 or more, such as 42",
                    Map.of("fields", Map.of(HEADER, "must be a whole number of 0 or more")));
        }
        return Long.parseLong(value);
    }

    @ServerResponseFilter
    public void addRevision(ContainerResponseContext response) {
        Long revision = decidedRevision.get();
        if (revision != null && response.getStatus() < 300) {
            response.getHeaders().putSingle(HEADER, revision.toString());
            if (response.getEntity() instanceof Revisioned body) {
                response.setEntity(body.withRevision(revision));
            }
        }
    }
}
