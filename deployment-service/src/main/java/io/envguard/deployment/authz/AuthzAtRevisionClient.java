package io.envguard.deployment.authz;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * authz-service's check, for checks at a revision the caller demands: authz-service may wait up to its propagation
 * time-out before it answers, so this client reads for longer than {@link AuthzClient} (configuration key
 * {@code authz-at-revision}). Only {@link AuthzGateway} uses it.
 */
@RegisterRestClient(configKey = "authz-at-revision")
@Path("/internal/v1")
interface AuthzAtRevisionClient {

    @POST
    @Path("/checks")
    Uni<CheckResult> check(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, CheckRequest request);
}
