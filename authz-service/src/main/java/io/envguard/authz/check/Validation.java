package io.envguard.authz.check;

import io.envguard.authz.error.ApiException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Collects the fields of a request body that are wrong, for one 400 VALIDATION_FAILED naming them all. */
final class Validation {

    private final Map<String, String> fields = new LinkedHashMap<>();

    Validation required(String field, String value) {
        if (value == null || value.isBlank()) {
            invalid(field, "is required");
        }
        return this;
    }

    Action action(String value) {
        return action("action", value);
    }

    Action action(String field, String value) {
        if (value != null) {
            for (Action action : Action.values()) {
                if (action.name().equals(value)) {
                    return action;
                }
            }
        }
        invalid(field, "must be one of " + Arrays.toString(Action.values()));
        return null;
    }

    void invalid(String field, String problem) {
        fields.putIfAbsent(field, problem);
    }

    void throwIfInvalid() {
        if (!fields.isEmpty()) {
            throw ApiException.validation("the request is not valid", fields);
        }
    }
}
