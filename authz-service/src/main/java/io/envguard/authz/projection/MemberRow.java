package io.envguard.authz.projection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A member of an organisation. */
@Entity
@Table(name = "member")
public class MemberRow extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "organization_id")
    public String organizationId;
    @Column(name = "user_id")
    public String userId;
    /** Lower-case: users are identified by email case-insensitively. */
    public String email;
    public String name;
    public String role;
    /** Set when an ADMIN became a MEMBER; decides ADMIN_DEMOTED. */
    public boolean demoted;
}
