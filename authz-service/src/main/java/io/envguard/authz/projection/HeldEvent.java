package io.envguard.authz.projection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** An event that arrived after a gap; it waits here until the missing revisions have been applied. */
@Entity
@Table(name = "held_event")
public class HeldEvent extends PanacheEntityBase {

    @EmbeddedId
    public Key key;
    public String payload;
    @Column(name = "received_at")
    public Instant receivedAt;

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "organization_id")
        public String organizationId;
        public long revision;

        public Key() {
        }

        public Key(String organizationId, long revision) {
            this.organizationId = organizationId;
            this.revision = revision;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.organizationId.equals(organizationId) && k.revision == revision;
        }

        @Override
        public int hashCode() {
            return Objects.hash(organizationId, revision);
        }
    }
}
