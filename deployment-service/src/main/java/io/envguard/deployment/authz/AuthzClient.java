package io.envguard.deployment.authz;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The internal API of authz-service. Only {@link AuthzGateway} uses it, adding time-outs and a circuit breaker. */
@RegisterRestClient(configKey = "authz")
@Path("/internal/v1")
interface AuthzClient {

    @GET
    @Path("/principal")
    Uni<Principal> principal(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    @POST
    @Path("/checks")
    Uni<CheckResult> check(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, CheckRequest request);
}
