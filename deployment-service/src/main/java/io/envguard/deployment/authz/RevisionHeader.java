package io.envguard.deployment.authz;

import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Every change answers the revision it was decided at: in the {@code Platform-Revision} header and the body. */
public class RevisionHeader {

    static final String HEADER = "Platform-Revision";

    private final CallerContext callerContext;

    RevisionHeader(CallerContext callerContext) {
        this.callerContext = callerContext;
    }

    @ServerResponseFilter
    public void addRevision(ContainerResponseContext response) {
        Long revision = callerContext.revision();
        if (revision != null && response.getStatus() < 300) {
            response.getHeaders().putSingle(HEADER, revision.toString());
            if (response.getEntity() instanceof Revisioned body) {
                response.setEntity(body.withRevision(revision));
            }
        }
    }
}
