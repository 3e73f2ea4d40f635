package io.envguard.deployment.deployment;

import java.util.UUID;

/**
 * One chainlet of a chain deployment, as Baseten's {@code ChainletV1} shows it. A chainlet runs on its own instance type
 * once one is set, else on its deployment's, and has its deployment's status; its id is its deployment's id and its name
 * (chainlets have no id of their own).
 */
public record ChainletView(String id, String name, AutoscalingSettings autoscalingSettings, String instanceTypeName,
                           int activeReplicaCount, String status) {

    static ChainletView of(Chainlet chainlet, Deployment deployment, int activeReplicaCount) {
        return new ChainletView(idOf(deployment.id, chainlet.key.name()), chainlet.key.name(), chainlet.autoscaling,
                chainlet.instanceTypeOr(deployment.instanceType), activeReplicaCount, deployment.status.name());
    }

    public static String idOf(UUID deploymentId, String name) {
        return deploymentId + "." + name;
    }

    /** The name of the deployment's chainlet a {@code chainlet_id} stands for: its id as shown above, or its name. */
    public static String nameOf(UUID deploymentId, String chainletId) {
        String prefix = deploymentId + ".";
        return chainletId.startsWith(prefix) ? chainletId.substring(prefix.length()) : chainletId;
    }
}
