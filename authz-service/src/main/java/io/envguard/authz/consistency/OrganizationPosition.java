package io.envguard.authz.consistency;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** How far an organisation's events have been applied. */
@Entity
@Table(name = "organization_position")
public class OrganizationPosition extends PanacheEntityBase {
    @Id
    @Column(name = "organization_id")
    public String organizationId;
    /** The revision of the last event applied for this organisation. */
    public long revision;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
