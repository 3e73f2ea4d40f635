package io.envguard.deployment.authz;

/** What a caller does. The guarded ones are the actions authz-service decides on (section 5 of the contract). */
public enum Action {
    PROMOTE(true),
    MANAGE_ENVIRONMENT(true),
    UPDATE_AUTOSCALING(true),
    UPDATE_DEPLOYMENT(true),
    CREATE_MODEL(false),
    CREATE_CHAIN(false),
    CREATE_DEPLOYMENT(false);

    private final boolean guarded;

    Action(boolean guarded) {
        this.guarded = guarded;
    }

    public boolean guarded() {
        return guarded;
    }
}
