package io.envguard.deployment.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.envguard.deployment.consistency.Revisioned;

import java.util.List;

/**
 * The answer to a chainlet instance type update (Baseten's UpdateChainletEnvironmentInstanceTypeResponseV1): the
 * settings of every chainlet of the environment's current deployment. Envguard changes that deployment's chainlets in
 * place instead of building a new deployment, so {@code requires_redeployment} is false and {@code chain_deployment}
 * null.
 */
public record ChainletInstanceTypesUpdated(boolean requiresRedeployment, DeploymentView chainDeployment,
                                           List<ChainletEnvironmentSettings> chainletEnvironmentSettings,
                                           @JsonInclude(JsonInclude.Include.NON_NULL) Long revision) implements Revisioned {

    static ChainletInstanceTypesUpdated inPlace(List<ChainletEnvironmentSettings> settings) {
        return new ChainletInstanceTypesUpdated(false, null, settings, null);
    }

    @Override
    public ChainletInstanceTypesUpdated withRevision(Long revision) {
        return new ChainletInstanceTypesUpdated(requiresRedeployment, chainDeployment, chainletEnvironmentSettings, revision);
    }
}
