package io.envguard.authz.check;

import com.fasterxml.jackson.annotation.JsonInclude;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code POST /v1/permissions/check_batch}: the caller's dry run for many actions at once, so that a page showing a
 * model's or chain's actions learns which to gray out in one request instead of one per button. Each entry is decided
 * by the same {@link CheckService#check} as {@code POST /v1/permissions/check}, its model or chain resolved by the same
 * {@link Owners}.
 */
@Path("/v1/permissions/check_batch")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PermissionBatchCheckResource {

    /** Enough for every action on every environment of a page; a bound so that one request stays one page's worth. */
    static final int MAX_CHECKS = 100;

    private final CheckService checks;
    private final Principals principals;
    private final SecurityIdentity identity;

    public PermissionBatchCheckResource(CheckService checks, Principals principals, SecurityIdentity identity) {
        this.checks = checks;
        this.principals = principals;
        this.identity = identity;
    }

    /** Exactly one of {@code model_id}, {@code chain_id}, {@code team_id} names what is asked about. */
    public record Question(String action, String modelId, String chainId, String teamId, String environment) {
    }

    /** {@code owners} is deployment-service's, not the client's ({@link Owners}). */
    public record BatchBody(List<Question> checks, @Schema(hidden = true) Owners owners) {
    }

    /** One answer per question, in the order asked, repeating the question so a client needs no bookkeeping. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Answer(String action, String modelId, String chainId, String teamId, String environment,
                         boolean allowed, Reason reason, long revision) {
    }

    public record Answers(List<Answer> results) {
    }

    @POST
    public Uni<Answers> check(BatchBody body) {
        List<Action> actions = validate(body);
        Caller caller = Caller.of(identity);
        return principals.resolve(caller).chain(principal -> {
            if (principal.organizationId() == null) {
                throw new ApiException(404, "NOT_FOUND", "the caller belongs to no organisation");
            }
            if (body.checks().isEmpty()) {
                return Uni.createFrom().item(new Answers(List.of()));
            }
            // Every team first: any model, chain or team not found fails the whole batch with 404.
            List<String> teams = body.checks().stream()
                    .map(q -> Owners.teamOf(body.owners(), q.modelId(), q.chainId(), q.teamId(), principal)).toList();
            List<Uni<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < body.checks().size(); i++) {
                Question q = body.checks().get(i);
                CheckRequest request = new CheckRequest(principal.organizationId(), teams.get(i), q.environment(),
                        actions.get(i), null);
                answers.add(checks.check(caller, request).map(d -> new Answer(q.action(), q.modelId(),
                        q.chainId(), q.teamId(), q.environment(), d.allowed(), d.reason(), d.revision())));
            }
            return Uni.join().all(answers).andFailFast().map(Answers::new);
        });
    }

    /** The whole batch is refused (400, naming each wrong field as {@code checks[i].field}) when any entry is wrong. */
    private static List<Action> validate(BatchBody body) {
        if (body == null || body.checks() == null) {
            throw ApiException.validation("a JSON body with a list of checks is required",
                    Map.of("checks", "is required"));
        }
        if (body.checks().size() > MAX_CHECKS) {
            throw ApiException.validation("at most " + MAX_CHECKS + " checks per request",
                    Map.of("checks", "must hold at most " + MAX_CHECKS + " entries"));
        }
        Validation v = new Validation();
        List<Action> actions = new ArrayList<>();
        for (int i = 0; i < body.checks().size(); i++) {
            String field = "checks[" + i + "].";
            Question q = body.checks().get(i);
            if (q == null) {
                v.invalid("checks[" + i + "]", "must be an object");
                actions.add(null);
                continue;
            }
            v.required(field + "environment", q.environment());
            actions.add(v.action(field + "action", q.action()));
            v.oneTarget(field + "model_id", q.modelId(), q.chainId(), q.teamId());
        }
        v.throwIfInvalid();
        return actions;
    }
}
