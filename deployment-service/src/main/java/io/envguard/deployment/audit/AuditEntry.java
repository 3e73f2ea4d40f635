package io.envguard.deployment.audit;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Entity
@Table(name = "audit_log")
public class AuditEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "organization_id")
    public String organizationId;

    public Instant at;

    @Column(name = "user_id")
    public String userId;

    public String email;

    public String credential;

    @Column(name = "api_key_prefix")
    public String apiKeyPrefix;

    public String action;

    public String outcome;

    public String reason;

    public Long revision;

    public String environment;

    @Column(name = "workload_kind")
    public String workloadKind;

    @Column(name = "workload_id")
    public UUID workloadId;

    @Column(name = "deployment_id")
    public UUID deploymentId;

    public String details;

    /** Every environment the write was checked against, comma-separated (names have no commas); empty when none. */
    @Column(name = "checked_environments")
    public String checkedEnvironments;

    static String joined(List<String> environments) {
        return String.join(",", environments);
    }

    /** The environments checked; none for entries written before they were recorded. */
    List<String> checked() {
        return checkedEnvironments == null || checkedEnvironments.isEmpty() ? List.of() : List.of(checkedEnvironments.split(","));
    }
}
