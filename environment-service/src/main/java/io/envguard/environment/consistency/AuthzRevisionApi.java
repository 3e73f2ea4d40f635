package io.envguard.environment.consistency;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** authz-service's internal revision endpoint (not routed by the gateway). */
@RegisterRestClient(configKey = "authz")
@Path("/internal/v1/organizations")
interface AuthzRevisionApi {

    @GET
    @Path("/{organizationId}/revision")
    Response awaitRevision(@PathParam("organizationId") String organizationId,
                           @QueryParam("at_least") long atLeast,
                           @QueryParam("wait_ms") long waitMs,
                           @HeaderParam("Authorization") String authorization);
}
