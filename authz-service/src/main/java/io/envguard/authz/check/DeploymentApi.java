package io.envguard.authz.check;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The few reads of deployment-service a dry run needs: which team owns a model or chain. */
@RegisterRestClient(configKey = "deployment")
interface DeploymentApi {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Owned(String id, String teamId) {
    }

    @GET
    @Path("/v1/models/{id}")
    Uni<Owned> model(@PathParam("id") String id, @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/v1/chains/{id}")
    Uni<Owned> chain(@PathParam("id") String id, @HeaderParam("Authorization") String authorization);
}
