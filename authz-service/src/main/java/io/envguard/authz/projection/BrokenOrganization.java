package io.envguard.authz.projection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An organisation whose access cannot be decided from the access table (docs/operations.md): its checks answer 503
 * until an operator repairs it. A row, so that every replica sees it and a restart keeps it.
 */
@Entity
@Table(name = "broken_organization")
public class BrokenOrganization extends PanacheEntityBase {
    @Id
    @Column(name = "organization_id")
    public String organizationId;
    /** The organisation's applied revision when it was marked. */
    public long revision;
    public String reason;
    @Column(name = "marked_at")
    public Instant markedAt;
}
