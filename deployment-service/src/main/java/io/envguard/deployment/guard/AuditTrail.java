package io.envguard.deployment.guard;

import io.envguard.deployment.authz.Caller;
import io.envguard.deployment.authz.CheckResult;
import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * Where guarded writes leave their trace ({@code audit.AuditLog}): the audit log reads the models, deployments and
 * environments it reports on, so the guard writes to it through this interface rather than depending on it.
 * {@code checked} names every environment the whole write was checked against.
 */
public interface AuditTrail {

    /** Records an allowed change; called inside the transaction that makes the change. */
    Uni<Void> recordAllowed(Caller caller, Change change, CheckResult decision, List<String> checked);

    /** Records a denial in a transaction of its own: nothing else is written when a change is denied. */
    Uni<Void> recordDenial(Caller caller, Change change, CheckResult decision, List<String> checked);
}
