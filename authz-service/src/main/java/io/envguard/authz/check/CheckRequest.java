package io.envguard.authz.check;

import io.envguard.contract.decision.Action;

/** A question for the decision, however it was asked. */
public record CheckRequest(String organizationId, String teamId, String environment, Action action, Long minRevision) {
}
