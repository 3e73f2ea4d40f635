package io.envguard.deployment.deployment;

/** What a deployment does with requests beyond its capacity (Baseten's RequestBackpressurePolicyV1). */
public enum BackpressurePolicy {
    QUEUE_ON_FULL,
    REJECT_ON_FULL
}
