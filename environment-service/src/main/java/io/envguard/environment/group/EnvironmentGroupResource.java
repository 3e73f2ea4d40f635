package io.envguard.environment.group;

import jakarta.ws.rs.Path;

/** The default team's environment groups: {@code /v1/environment_groups}. */
@Path("/v1/environment_groups")
public class EnvironmentGroupResource extends EnvironmentGroupEndpoints {

    EnvironmentGroupResource(EnvironmentGroupService groups) {
        super(groups, null);
    }
}
