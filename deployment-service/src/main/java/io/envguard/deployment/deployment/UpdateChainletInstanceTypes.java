package io.envguard.deployment.deployment;

import java.util.List;

/**
 * Body of {@code POST /v1/chains/{chain_id}/environments/{env_name}/chainlet_settings/instance_types/update}
 * (Baseten's UpdateChainletEnvironmentInstanceTypeRequestV1): the instance type for each chainlet named.
 */
public record UpdateChainletInstanceTypes(List<Update> updates) {

    public record Update(String chainletName, String instanceTypeId) {
    }
}
