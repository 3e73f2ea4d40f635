package io.envguard.deployment.freshness;

import io.envguard.edge.error.ApiException;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.Map;

/**
 * The {@code Platform-Revision} header both ways. A request may carry it to demand that its guarded changes are decided
 * at that access revision or a newer one (never from older state: 503 when authz-service does not reach it in time);
 * every change answers the revision it was decided at, in the header and the body.
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
