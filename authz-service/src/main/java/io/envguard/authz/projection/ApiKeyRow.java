package io.envguard.authz.projection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A personal API key; only its hash is known here. */
@Entity
@Table(name = "api_key")
public class ApiKeyRow extends PanacheEntityBase {
    @Id
    public String prefix;
    @Column(name = "organization_id")
    public String organizationId;
    @Column(name = "user_id")
    public String userId;
    public String name;
    public String type;
    /** Lower-case hex SHA-256 of the whole key, prefix included. */
    @Column(name = "secret_sha256")
    public String secretSha256;
    public boolean deleted;
}
