package io.envguard.authz.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.envguard.authz.identity.Caller;
import io.envguard.authz.identity.Principals;
import io.envguard.contract.decision.Action;
import io.envguard.contract.decision.Reason;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /v1/permissions/check}: a dry run of the real decision, for the caller or (admins only) another user. */
@Path("/v1/permissions/check")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PermissionCheckResource {

    private final CheckService checks;
    private final Principals principals;
    private final SecurityIdentity identity;

    public PermissionCheckResource(CheckService checks, Principals principals, SecurityIdentity identity) {
        this.checks = checks;
        this.principals = principals;
        this.identity = identity;
    }

    /**
     * Exactly one of {@code model_id}, {@code chain_id}, {@code team_id} names what is asked about. {@code min_revision}
     * is read as written, so that {@code 1.5} or {@code "7"} are refused rather than rounded or coerced.
     * {@code owners} is deployment-service's, not the client's ({@link Owners}).
     */
    public record DryRunBody(String action, String modelId, String chainId, String teamId, String environment,
                             String userId, JsonNode minRevision, @Schema(hidden = true) Owners owners) {
    }

    public record DryRun(boolean allowed, Reason reason, long revision) {
    }

    @POST
    public Uni<DryRun> check(DryRunBody body) {
        if (body == null) {
            throw ApiException.validation("a JSON body is required", Map.of());
        }
        Validation v = new Validation().required("environment", body.environment());
        Action action = v.action(body.action());
        v.oneTarget("model_id", body.modelId(), body.chainId(), body.teamId());
        Long minRevision = v.minRevision(body.minRevision());
        v.throwIfInvalid();
        Caller caller = Caller.of(identity);
        return principals.resolve(caller).chain(principal -> {
            if (principal.organizationId() == null) {
                throw new ApiException(404, "NOT_FOUND", "the caller belongs to no organisation");
            }
            boolean aboutOther = body.userId() != null && !body.userId().equals(principal.userId());
            if (aboutOther && !principal.orgAdmin()) {
                throw ApiException.forbidden("only organisation admins may ask about another user");
            }
            String teamId = Owners.teamOf(body.owners(), body.modelId(), body.chainId(), body.teamId(), principal);
            CheckRequest request = new CheckRequest(principal.organizationId(), teamId, body.environment(), action,
                    minRevision);
            return aboutOther ? checks.checkFor(body.userId(), request) : checks.check(caller, request);
        }).map(d -> new DryRun(d.allowed(), d.reason(), d.revision()));
    }
}
