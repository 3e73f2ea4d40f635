package io.envguard.environment.apikey;

import io.envguard.environment.apikey.ApiKeyService.ApiKeyList;
import io.envguard.environment.apikey.ApiKeyService.CreateApiKeyRequest;
import io.envguard.environment.apikey.ApiKeyService.CreatedApiKey;
import io.envguard.environment.apikey.ApiKeyService.Tombstone;
import io.envguard.environment.consistency.Revisions;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** The caller's personal API keys; team keys are made at {@code /v1/teams/{team_id}/api_keys}. */
@Path("/v1/api_keys")
@Authenticated
public class ApiKeyResource {

    private final ApiKeyService keys;

    ApiKeyResource(ApiKeyService keys) {
        this.keys = keys;
    }

    @POST
    public Response create(CreateApiKeyRequest request) {
        CreatedApiKey created = keys.create(null, request);
        return Revisions.ok(created, created.revision());
    }

    @GET
    public ApiKeyList list() {
        return keys.list();
    }

    @DELETE
    @Path("{api_key_prefix}")
    public Response delete(@PathParam("api_key_prefix") String prefix) {
        Tombstone deleted = keys.delete(prefix);
        return Revisions.ok(deleted, deleted.revision());
    }
}
