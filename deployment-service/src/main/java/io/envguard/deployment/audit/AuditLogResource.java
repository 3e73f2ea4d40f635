package io.envguard.deployment.audit;

import io.envguard.deployment.audit.AuditLogQuery.AuditLogView;
import io.envguard.deployment.authz.CallerContext;
import io.envguard.deployment.web.Page;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The audit log of the caller's organisation ({@link AuditLogQuery}); a model's or chain's is beside its other paths. */
@Path("/v1/audit_logs")
@Produces(MediaType.APPLICATION_JSON)
public class AuditLogResource {

    private final CallerContext caller;
    private final AuditLogQuery log;

    AuditLogResource(CallerContext caller, AuditLogQuery log) {
        this.caller = caller;
        this.log = log;
    }

    @GET
    public Uni<Page<AuditLogView>> list(@BeanParam AuditLogFilters filters) {
        return log.list(caller.get(), filters);
    }
}
