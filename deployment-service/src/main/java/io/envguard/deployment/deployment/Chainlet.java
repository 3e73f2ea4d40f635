package io.envguard.deployment.deployment;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.UUID;

/** One chainlet of a chain deployment; each scales on its own. */
@Entity
@Table(name = "chainlets")
public class Chainlet extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(name = "deployment_id") UUID deploymentId, @Column(name = "name") String name)
            implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @Embedded
    public AutoscalingSettings autoscaling;

    public ChainletView view() {
        return new ChainletView(key.name(), autoscaling);
    }
}
