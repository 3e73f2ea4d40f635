package io.envguard.authz.projection;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the access table has caught up with the topic as it was at startup. */
@Readiness
@ApplicationScoped
public class ProjectionReadiness implements HealthCheck {

    private final ProjectionCatchUp catchUp;

    public ProjectionReadiness(ProjectionCatchUp catchUp) {
        this.catchUp = catchUp;
    }

    @Override
    public HealthCheckResponse call() {
        String problem = catchUp.readTargetsIfMissing();
        var response = HealthCheckResponse.named("access-table-caught-up").status(catchUp.caughtUp());
        long behind = catchUp.behind();
        if (behind >= 0) {
            response.withData("records_behind", behind);
        }
        if (problem != null) {
            response.withData("error", problem);
        }
        return response.build();
    }
}
