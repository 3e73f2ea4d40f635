package io.envguard.environment.apikey;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.envguard.environment.consistency.Revisions;
import io.envguard.environment.identity.ApiKeys;
import io.envguard.environment.identity.Caller;
import io.envguard.environment.identity.CurrentCaller;
import io.envguard.environment.organization.OrganizationCommand.CreateApiKey;
import io.envguard.environment.organization.OrganizationCommand.DeleteApiKey;
import io.envguard.environment.organization.OrganizationCommands;
import io.envguard.environment.organization.OrganizationReader;
import io.envguard.environment.organization.OrganizationState;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;

/** The caller's personal API keys: the secret is shown once, at creation, and only its SHA-256 is kept. */
@Path("/v1/api_keys")
@Authenticated
public class ApiKeyResource {

    public record CreateApiKeyRequest(String name, String type) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ApiKeyView(String apiKey, String prefix, String name, String type, Instant createdAt,
                             Long revision) {
    }

    public record ApiKeyList(List<ApiKeyView> items) {
    }

    private final CurrentCaller callers;
    private final OrganizationCommands commands;
    private final OrganizationReader reader;

    ApiKeyResource(CurrentCaller callers, OrganizationCommands commands, OrganizationReader reader) {
        this.callers = callers;
        this.commands = commands;
        this.reader = reader;
    }

    @POST
    public Response create(CreateApiKeyRequest request) {
        Caller caller = callers.get();
        String organizationId = caller.requireOrganization();
        String prefix = ApiKeys.newPrefix();
        String key = ApiKeys.newKey(prefix);
        String type = request == null || request.type() == null ? "PERSONAL" : request.type();
        long revision = commands.send(caller, new CreateApiKey(organizationId, caller.userId(), prefix,
                request == null ? null : request.name(), type, ApiKeys.sha256(key)));
        OrganizationState.ApiKey created = reader.current(organizationId).apiKey(prefix).orElseThrow();
        return Revisions.created(new ApiKeyView(key, prefix, created.name(), created.type(), created.createdAt(),
                revision), revision);
    }

    @GET
    public ApiKeyList list() {
        Caller caller = callers.get();
        return new ApiKeyList(reader.current(caller.requireOrganization()).apiKeys().stream()
                .filter(key -> key.userId().equals(caller.userId()))
                .map(key -> new ApiKeyView(null, key.prefix(), key.name(), key.type(), key.createdAt(), null))
                .toList());
    }

    @DELETE
    @Path("{prefix}")
    public Response delete(@PathParam("prefix") String prefix) {
        Caller caller = callers.get();
        long revision = commands.send(caller, new DeleteApiKey(caller.requireOrganization(), caller.userId(), prefix),
                () -> { }, prefix.equals(caller.apiKeyPrefix()));
        return Revisions.noContent(revision);
    }
}
