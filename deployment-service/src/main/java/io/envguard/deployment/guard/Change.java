package io.envguard.deployment.guard;

import io.envguard.deployment.authz.Action;
import io.envguard.deployment.workload.Workload;

import java.util.UUID;

/**
 * One change a caller asks for: what, to which environment (null when none), of which model or chain; {@code details}
 * is what was asked (a request body, or null), recorded as JSON.
 */
public record Change(Action action, String environment, Workload workload, UUID deploymentId, Object details) {
}
