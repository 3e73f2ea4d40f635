package io.envguard.environment.apikey;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.envguard.environment.identity.ApiKeys;
import io.envguard.environment.identity.Caller;
import io.envguard.environment.identity.CurrentCaller;
import io.envguard.environment.error.DomainException;
import io.envguard.environment.organization.OrganizationCommand.CreateApiKey;
import io.envguard.environment.organization.OrganizationCommand.DeleteApiKey;
import io.envguard.environment.organization.OrganizationCommands;
import io.envguard.environment.organization.OrganizationReader;
import io.envguard.environment.organization.OrganizationState;
import io.envguard.environment.organization.OrganizationState.ApiKey;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/**
 * The caller's API keys, personal ({@code /v1/api_keys}) or labelled with a team ({@code /v1/teams/{id}/api_keys}).
 * Either kind acts as the user who made it, with exactly that user's current permissions: the team label never adds
 * any. The secret is shown once, at creation, and only its SHA-256 is kept.
 */
@ApplicationScoped
public class ApiKeyService {

    /** Baseten's {@code CreateAPIKeyRequestV1}. */
    public record CreateApiKeyRequest(String name, String type, List<String> modelIds) {
    }

    /** Baseten's {@code APIKeyV1} ({@code api_key}), with the key's metadata and the change's revision beside it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CreatedApiKey(String apiKey, String prefix, String name, String type, String teamName,
                                Instant createdAt, long revision) {
    }

    /** Baseten's {@code APIKeyOwnerV1}. */
    public record Owner(String userId, String email, String name) {
    }

    /** Baseten's {@code APIKeyInfoV1}, with {@code created_at} beside it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ApiKeyInfo(String prefix, String name, String type, String teamName, Owner owner,
                             Instant createdAt) {
    }

    /** Baseten's {@code APIKeysV1}. */
    public record ApiKeyList(List<ApiKeyInfo> keys) {
    }

    /** Baseten's {@code APIKeyTombstoneV1}, with the change's revision. */
    public record Tombstone(String prefix, long revision) {
    }

    private final CurrentCaller callers;
    private final OrganizationCommands commands;
    private final OrganizationReader reader;

    ApiKeyService(CurrentCaller callers, OrganizationCommands commands, OrganizationReader reader) {
        this.callers = callers;
        this.commands = commands;
        this.reader = reader;
    }

    /** A key of the caller; {@code teamId} null makes a personal key, otherwise a team key (404 if not visible). */
    public CreatedApiKey create(String teamId, CreateApiKeyRequest request) {
        Caller caller = callers.get();
        String organizationId = caller.requireOrganization();
        if (request == null) {
            throw DomainException.invalid("type", "is required: PERSONAL");
        }
        if (request.modelIds() != null && !request.modelIds().isEmpty()) {
            // scoping to models belongs to the WORKSPACE_* categories; a key that silently ignored it would do more
            // than its maker asked for
            throw DomainException.invalid("model_ids", "scope workspace keys, which Envguard does not offer");
        }
        String prefix = ApiKeys.newPrefix();
        String key = ApiKeys.newKey(prefix);
        long revision = commands.send(caller, new CreateApiKey(organizationId, caller.userId(), prefix,
                request.name(), request.type(), teamId, ApiKeys.sha256(key)));
        OrganizationState state = reader.current(organizationId);
        ApiKey created = state.apiKey(prefix).orElseThrow();
        return new CreatedApiKey(key, prefix, created.name(), created.type(), teamName(state, created),
                created.createdAt(), revision);
    }

    /** The caller's own keys, personal and team; another user's keys are never listed, for admins neither. */
    public ApiKeyList list() {
        Caller caller = callers.get();
        OrganizationState state = reader.current(caller.requireOrganization());
        return new ApiKeyList(state.apiKeys().stream()
                .filter(key -> key.userId().equals(caller.userId()))
                .map(key -> new ApiKeyInfo(key.prefix(), key.name(), key.type(), teamName(state, key),
                        state.member(key.userId()).map(m -> new Owner(m.userId(), m.email(), m.name()))
                                .orElseThrow(),
                        key.createdAt()))
                .toList());
    }

    public Tombstone delete(String prefix) {
        Caller caller = callers.get();
        long revision = commands.send(caller, new DeleteApiKey(caller.requireOrganization(), caller.userId(), prefix),
                () -> { }, prefix.equals(caller.apiKeyPrefix()));
        return new Tombstone(prefix, revision);
    }

    private static String teamName(OrganizationState state, ApiKey key) {
        return key.teamId() == null ? null : state.team(key.teamId()).map(OrganizationState.Team::name).orElse(null);
    }
}
