package io.envguard.authz.check;

import io.envguard.contract.decision.Reason;

/** An answer to a check: the outcome, its reason, the revision of the facts it was made from and for whom. */
public record Decision(boolean allowed, Reason reason, long revision, String userId) {
}
