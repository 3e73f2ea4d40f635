package io.envguard.deployment.workload;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A named environment of one model or chain and the deployment currently serving it. */
@Entity
@Table(name = "environments")
public class Environment extends PanacheEntityBase {

    public static final String PRODUCTION = "production";
    public static final String DEVELOPMENT = "development";

    @Id
    public UUID id;

    @Column(name = "workload_id")
    public UUID workloadId;

    public String name;

    @Column(name = "current_deployment_id")
    public UUID currentDeploymentId;

    @Column(name = "candidate_deployment_id")
    public UUID candidateDeploymentId;

    @Embedded
    public PromotionSettings promotionSettings;

    @Column(name = "created_at")
    public Instant createdAt;
}
