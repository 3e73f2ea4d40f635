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
import java.util.regex.Pattern;

/** One chainlet of a chain deployment; each scales on its own. */
@Entity
@Table(name = "chainlets")
public class Chainlet extends PanacheEntityBase {

    /**
     * Chainlet names as Baseten's chains name them: the chainlet's Python class name ({@code HelloWorld},
     * {@code RandInt}), so letters of both cases; 1–64 characters (the column's width), starting with a letter or digit.
     */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    static final String NAME_RULE = "1–64 characters of A-Z a-z 0-9 _ -, starting with a letter or digit";

    static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    @Embeddable
    public record Key(@Column(name = "deployment_id") UUID deploymentId, @Column(name = "name") String name)
            implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @Embedded
    public AutoscalingSettings autoscaling;

    /** The chainlet's own instance type, or null when it runs on its deployment's. */
    @Column(name = "instance_type")
    public String instanceType;

    /** The instance type the chainlet runs on, given its deployment's. */
    public String instanceTypeOr(String deploymentInstanceType) {
        return instanceType != null ? instanceType : deploymentInstanceType;
    }

}
