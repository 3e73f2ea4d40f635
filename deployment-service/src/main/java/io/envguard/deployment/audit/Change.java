package io.envguard.deployment.audit;

import io.envguard.deployment.authz.Action;
import io.envguard.deployment.workload.Workload;

import java.util.UUID;

/** One change a caller asks for: what, to which environment (null when none), of which model or chain. */
public record Change(Action action, String environment, Workload workload, UUID deploymentId, String details) {
}
