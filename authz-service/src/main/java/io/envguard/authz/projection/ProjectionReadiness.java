package io.envguard.authz.projection;

import io.envguard.authz.consistency.PositionNotifications;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the access table has caught up with the topic as it was at startup, nor while this process cannot
 * hear the access table's commits.
 */
@Readiness
@ApplicationScoped
public class ProjectionReadiness implements HealthCheck {

    private final ProjectionCatchUp catchUp;
    private final PositionNotifications notifications;

    public ProjectionReadiness(ProjectionCatchUp catchUp, PositionNotifications notifications) {
        this.catchUp = catchUp;
        this.notifications = notifications;
    }

    @Override
    public HealthCheckResponse call() {
        String problem = catchUp.readTargetsIfMissing();
        if (problem == null && !catchUp.caughtUp()) {
            problem = catchUp.refreshFromGroup();
        }
        var response = HealthCheckResponse.named("access-table-caught-up")
                .status(catchUp.caughtUp() && notifications.isLive())
                .withData("listening_for_commits", notifications.isLive());
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
