package io.envguard.authz.check;

import io.envguard.authz.error.ApiException;
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

    public Uni<String> teamOfModel(String modelId, String authorization) {
        return teamOf(deployments.model(modelId, authorization), "model " + modelId);
    }

    public Uni<String> teamOfChain(String chainId, String authorization) {
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
