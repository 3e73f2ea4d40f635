package io.envguard.deployment.permission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.envguard.deployment.authz.Caller;
import io.envguard.deployment.authz.CallerContext;
import io.envguard.deployment.workload.WorkloadKind;
import io.envguard.deployment.workload.WorkloadService;
import io.envguard.edge.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BiFunction;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * {@code POST /v1/permissions/check} and {@code /check_batch}, the public dry run (docs/api.md), reach authz-service
 * through here: the gateway routes them to this service, which owns models and chains. It adds the team of each model
 * and chain named that the caller may see, as {@code owners}, and relays the body and authz-service's answer unchanged
 * otherwise, so that authz-service never calls this service. Validating the question and deciding stay authz-service's;
 * a body that is not a JSON object is relayed as it is, for authz-service to refuse as before.
 */
@Path("/v1/permissions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PermissionDryRunRelay {

    private static final Logger LOG = Logger.getLogger(PermissionDryRunRelay.class);

    private final CallerContext callers;
    private final WorkloadService workloads;
    private final AuthzDryRunClient authz;
    private final ObjectMapper json;

    PermissionDryRunRelay(CallerContext callers, WorkloadService workloads, @RestClient AuthzDryRunClient authz,
                          ObjectMapper json) {
        this.callers = callers;
        this.workloads = workloads;
        this.authz = authz;
        this.json = json;
    }

    @POST
    @Path("/check")
    public Uni<Response> check(String body) {
        return relay(body, false, authz::check);
    }

    @POST
    @Path("/check_batch")
    public Uni<Response> checkBatch(String body) {
        return relay(body, true, authz::checkBatch);
    }

    private Uni<Response> relay(String body, boolean batch, BiFunction<String, String, Uni<Response>> call) {
        Caller caller = callers.get();
        ObjectNode question = objectOrNull(body);
        Uni<String> relayed = question == null ? Uni.createFrom().item(body)
                : withOwners(caller, question, batch).map(JsonNode::toString);
        return relayed.flatMap(withOwners -> call.apply(caller.authorization(), withOwners))
                .onFailure(WebApplicationException.class)
                .recoverWithItem(failure -> ((WebApplicationException) failure).getResponse())
                .map(PermissionDryRunRelay::copy)
                .onFailure(failure -> !(failure instanceof ApiException)).transform(failure -> {
                    LOG.warnf("the dry run could not be relayed to authz-service: %s", failure.toString());
                    return ApiException.authzUnavailable("authz-service did not answer the dry run");
                });
    }

    /** The question with {@code owners} set to what this service knows, replacing whatever the client sent. */
    private Uni<ObjectNode> withOwners(Caller caller, ObjectNode question, boolean batch) {
        Set<String> models = new LinkedHashSet<>();
        Set<String> chains = new LinkedHashSet<>();
        if (batch) {
            question.path("checks").forEach(entry -> named(entry, models, chains));
        } else {
            named(question, models, chains);
        }
        return workloads.teamsOfVisible(caller, WorkloadKind.MODEL, models)
                .flatMap(modelTeams -> workloads.teamsOfVisible(caller, WorkloadKind.CHAIN, chains)
                        .map(chainTeams -> {
                            ObjectNode owners = question.putObject("owners");
                            owners.set("models", json.valueToTree(modelTeams));
                            owners.set("chains", json.valueToTree(chainTeams));
                            return question;
                        }));
    }

    private static void named(JsonNode entry, Set<String> models, Set<String> chains) {
        if (entry.path("model_id").isTextual()) {
            models.add(entry.path("model_id").asText());
        }
        if (entry.path("chain_id").isTextual()) {
            chains.add(entry.path("chain_id").asText());
        }
    }

    private ObjectNode objectOrNull(String body) {
        try {
            return body == null ? null : json.readTree(body) instanceof ObjectNode object ? object : null;
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    /** authz-service's answer as it gave it: status, JSON body, and when to retry if it shed the request. */
    private static Response copy(Response answer) {
        Response.ResponseBuilder copy = Response.status(answer.getStatus()).type(MediaType.APPLICATION_JSON_TYPE);
        if (answer.hasEntity()) {
            copy.entity(answer.readEntity(String.class));
        }
        String retryAfter = answer.getHeaderString(HttpHeaders.RETRY_AFTER);
        if (retryAfter != null) {
            copy.header(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return copy.build();
    }
}
