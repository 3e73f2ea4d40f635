package io.envguard.environment.error;

import java.util.Map;

/**
 * A command broke a rule of the organisation. The kind maps one to one onto the error codes of the public contract.
 */
public class DomainException extends RuntimeException {

    public enum Kind {
        VALIDATION_FAILED,
        FORBIDDEN,
        NOT_FOUND,
        CONFLICT,
        PRECONDITION_FAILED
    }

    private final Kind kind;
    private final Map<String, String> fields;

    public DomainException(Kind kind, String message) {
        this(kind, message, Map.of());
    }

    public DomainException(Kind kind, String message, Map<String, String> fields) {
        super(message, null, false, false);
        this.kind = kind;
        this.fields = Map.copyOf(fields);
    }

    public static DomainException invalid(String field, String message) {
        return new DomainException(Kind.VALIDATION_FAILED, message, Map.of(field, message));
    }

    public static DomainException forbidden(String message) {
        return new DomainException(Kind.FORBIDDEN, message);
    }

    public static DomainException notFound(String message) {
        return new DomainException(Kind.NOT_FOUND, message);
    }

    public static DomainException conflict(String message) {
        return new DomainException(Kind.CONFLICT, message);
    }

    public Kind kind() {
        return kind;
    }

    public Map<String, String> fields() {
        return fields;
    }
}
