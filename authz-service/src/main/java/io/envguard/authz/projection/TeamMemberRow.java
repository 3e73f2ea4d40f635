package io.envguard.authz.projection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An explicit role in a team. */
@Entity
@Table(name = "team_member")
public class TeamMemberRow extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "organization_id")
    public String organizationId;
    @Column(name = "team_id")
    public String teamId;
    @Column(name = "user_id")
    public String userId;
    public String role;
}
