package io.envguard.deployment.workload;

import io.envguard.deployment.authz.Action;

/** Models and chains follow the same rules; they differ in their paths and in the name of their id field. */
public enum WorkloadKind {
    MODEL("models", "model", Action.CREATE_MODEL),
    CHAIN("chains", "chain", Action.CREATE_CHAIN);

    private final String pathSegment;
    private final String noun;
    private final Action createAction;

    WorkloadKind(String pathSegment, String noun, Action createAction) {
        this.pathSegment = pathSegment;
        this.noun = noun;
        this.createAction = createAction;
    }

    public static WorkloadKind ofPath(String segment) {
        for (WorkloadKind kind : values()) {
            if (kind.pathSegment.equals(segment)) {
                return kind;
            }
        }
        throw new IllegalArgumentException(segment);
    }

    public String noun() {
        return noun;
    }

    public Action createAction() {
        return createAction;
    }
}
