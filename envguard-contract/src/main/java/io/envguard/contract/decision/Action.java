package io.envguard.contract.decision;

/** The changes a restricted environment guards (section 5 of the public contract). */
public enum Action {
    PROMOTE,
    MANAGE_ENVIRONMENT,
    UPDATE_AUTOSCALING,
    UPDATE_DEPLOYMENT
}
