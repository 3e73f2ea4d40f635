package io.envguard.deployment.catalog;

/**
 * Body of {@code POST /v1/models} (Baseten's {@code CreateModelRequestV1}: a {@code source}; or Envguard's
 * {@code name}) and of {@code POST /v1/chains} ({@code name}). {@code team_id} picks the team (the default team when
 * absent); {@code POST /v1/teams/{team_id}/models} names it in the path instead.
 */
public record CreateWorkload(String name, String teamId, ModelSource source) {

    /** The name asked for, from the source when there is one. */
    public String modelName() {
        return source != null ? source.modelName() : name;
    }
}
