package io.envguard.deployment.permission;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** authz-service's dry run, which {@link PermissionDryRunRelay} relays with the owners it found. */
@RegisterRestClient(configKey = "authz-dry-run")
@Path("/v1/permissions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface AuthzDryRunClient {

    @POST
    @Path("/check")
    Uni<Response> check(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body);

    @POST
    @Path("/check_batch")
    Uni<Response> checkBatch(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body);
}
