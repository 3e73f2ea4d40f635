package io.envguard.authz.check;

import io.envguard.authz.error.ApiException;
import io.envguard.authz.identity.Principal;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Finds the team of a model or chain in deployment-service, as the caller sees it (their credential is forwarded). */
@ApplicationScoped
public class Owners {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final DeploymentApi deployments;

    public Owners(@RestClient DeploymentApi deployments) {
        this.deployments = deployments;
    }

    /**
     * The team a check is about: the owner of the model or chain named, or the team named. A team of another
     * organisation, or one the caller is not in, is "not found", never "denied" (API.md §6).
     */
    public Uni<String> teamOf(String modelId, String chainId, String teamId, Principal principal, String authorization) {
        if (modelId != null) {
            return teamOfModel(modelId, authorization);
        }
        if (chainId != null) {
            return teamOfChain(chainId, authorization);
        }
        if (!principal.actsIn(teamId)) {
            return Uni.createFrom().failure(ApiException.notFound("team " + teamId + " not found"));
        }
        return Uni.createFrom().item(teamId);
    }

    private Uni<String> teamOfModel(String modelId, String authorization) {
        return teamOf(deployments.model(modelId, authorization), "model " + modelId);
    }

    private Uni<String> teamOfChain(String chainId, String authorization) {
        return teamOf(deployments.chain(chainId, authorization), "chain " + chainId);
    }

    private static Uni<String> teamOf(Uni<DeploymentApi.Owned> call, String what) {
        return call.ifNoItem().after(TIMEOUT).fail()
                .map(owned -> {
                    if (owned == null || owned.teamId() == null) {
                        throw ApiException.unavailable("deployment-service did not say which team owns " + what);
                    }
                    return owned.teamId();
                })
                .onFailure(e -> !(e instanceof ApiException)).transform(e -> {
                    if (e instanceof WebApplicationException web && web.getResponse().getStatus() == 404) {
                        return ApiException.notFound(what + " not found");
                    }
                    return ApiException.unavailable("cannot reach deployment-service to find the team of " + what);
                });
    }
}
