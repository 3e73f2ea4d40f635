package io.envguard.authz.projection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A user's grant on a restricted environment group. */
@Entity
@Table(name = "access_grant")
public class GrantRow extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "organization_id")
    public String organizationId;
    @Column(name = "team_id")
    public String teamId;
    public String environment;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "expires_at")
    public Instant expiresAt;
    /** The grant ended by reaching its expiry (GrantExpired); kept so that checks can say GRANT_EXPIRED. */
    public boolean expired;
}
