package io.envguard.deployment.workload;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A model or a chain, owned by one team of one organisation. */
@Entity
@Table(name = "workloads")
public class Workload extends PanacheEntityBase {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    public WorkloadKind kind;

    @Column(name = "organization_id")
    public String organizationId;

    @Column(name = "team_id")
    public String teamId;

    public String name;

    @Column(name = "created_at")
    public Instant createdAt;
}
