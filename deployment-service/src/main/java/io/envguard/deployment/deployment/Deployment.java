package io.envguard.deployment.deployment;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One pushed version of a model or chain. */
@Entity
@Table(name = "deployments")
public class Deployment extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "workload_id")
    public UUID workloadId;

    public String name;

    @Enumerated(EnumType.STRING)
    public DeploymentStatus status;

    @Column(name = "instance_type")
    public String instanceType;

    @Embedded
    public AutoscalingSettings autoscaling;

    @Column(name = "created_at")
    public Instant createdAt;

    /** How requests beyond capacity are handled, or null when no policy is set. */
    @Enumerated(EnumType.STRING)
    @Column(name = "backpressure_policy")
    public BackpressurePolicy backpressurePolicy;

    /**
     * Replicas the stand-in runtime runs: none unless active; at least one while it serves an environment, else its
     * minimum.
     */
    public int activeReplicas(boolean serving) {
        return status == DeploymentStatus.ACTIVE ? Math.max(autoscaling.minReplica(), serving ? 1 : 0) : 0;
    }

    /** A detached copy, for trying a change out before it is made. */
    public Deployment copy() {
        Deployment copy = new Deployment();
        copy.id = id;
        copy.workloadId = workloadId;
        copy.name = name;
        copy.status = status;
        copy.instanceType = instanceType;
        copy.autoscaling = autoscaling;
        copy.createdAt = createdAt;
        copy.backpressurePolicy = backpressurePolicy;
        return copy;
    }
}
