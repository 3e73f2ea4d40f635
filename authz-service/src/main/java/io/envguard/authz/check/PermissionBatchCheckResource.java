package io.envguard.authz.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.envguard.authz.error.ApiException;
import io.envguard.authz.identity.Caller;
import io.envguard.authz.identity.Principal;
import io.envguard.authz.identity.Principals;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/permissions/check_batch}: the caller's dry run for many actions at once, so that a page showing a
 * model's or chain's actions learns which to gray out in one request instead of one per button. Each entry is decided
 * by the same {@link CheckService#check} as {@code POST /v1/permissions/check}; each model or chain is looked up once.
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
    private final Owners owners;
    private final SecurityIdentity identity;

    public PermissionBatchCheckResource(CheckService checks, Principals principals, Owners owners,
                                        SecurityIdentity identity) {
        this.checks = checks;
        this.principals = principals;
        this.owners = owners;
        this.identity = identity;
    }

    /** Exactly one of {@code model_id}, {@code chain_id}, {@code team_id} names what is asked about. */
    public record Question(String action, String modelId, String chainId, String teamId, String environment) {
    }

    public record BatchBody(List<Question> checks) {
    }

    /** One answer per question, in the order asked, repeating the question so a client needs no bookkeeping. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Answer(String action, String modelId, String chainId, String teamId, String environment,
                         boolean allowed, Reason reason, long revision) {
    }

    public record Answers(List<Answer> results) {
    }

    @POST
    public Uni<Answers> check(BatchBody body, @HeaderParam("Authorization") String authorization) {
        List<Action> actions = validate(body);
        Caller caller = Caller.of(identity);
        return principals.resolve(caller).chain(principal -> {
            if (principal.organizationId() == null) {
                throw ApiException.notFound("the caller belongs to no organisation");
            }
            if (body.checks().isEmpty()) {
                return Uni.createFrom().item(new Answers(List.of()));
            }
            return teams(body.checks(), authorization, principal).chain(teamOf -> {
                List<Uni<Answer>> answers = new ArrayList<>();
                for (int i = 0; i < body.checks().size(); i++) {
                    Question q = body.checks().get(i);
                    CheckRequest request = new CheckRequest(principal.organizationId(), teamOf.get(target(q)),
                            q.environment(), actions.get(i), null);
                    answers.add(checks.check(caller, request).map(d -> new Answer(q.action(), q.modelId(),
                            q.chainId(), q.teamId(), q.environment(), d.allowed(), d.reason(), d.revision())));
                }
                return Uni.join().all(answers).andFailFast().map(Answers::new);
            });
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

    /** The team of every model, chain and team named, each looked up once; any one not found fails the batch with 404. */
    private Uni<Map<String, String>> teams(List<Question> questions, String authorization, Principal principal) {
        Map<String, Uni<String>> lookups = new LinkedHashMap<>();
        for (Question q : questions) {
            lookups.computeIfAbsent(target(q),
                    key -> owners.teamOf(q.modelId(), q.chainId(), q.teamId(), principal, authorization));
        }
        List<String> keys = new ArrayList<>(lookups.keySet());
        return Uni.join().all(new ArrayList<>(lookups.values())).andFailFast().map(teamIds -> {
            Map<String, String> teamOf = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                teamOf.put(keys.get(i), teamIds.get(i));
            }
            return teamOf;
        });
    }

    private static String target(Question q) {
        if (q.modelId() != null) {
            return "model:" + q.modelId();
        }
        return q.chainId() != null ? "chain:" + q.chainId() : "team:" + q.teamId();
    }
}
