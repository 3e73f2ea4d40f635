package io.envguard.authz.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.envguard.contract.decision.Action;
import io.envguard.edge.error.ApiException;
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

    /** Exactly one of {@code model_id}, {@code chain_id} and {@code team_id} names what a check is about. */
    Validation oneTarget(String field, String modelId, String chainId, String teamId) {
        int targets = (modelId != null ? 1 : 0) + (chainId != null ? 1 : 0) + (teamId != null ? 1 : 0);
        if (targets != 1) {
            invalid(field, "exactly one of model_id, chain_id and team_id is required");
        }
        return this;
    }

    /** A revision to wait for: absent or null for none, otherwise a whole number that is not negative. */
    Long minRevision(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            invalid("min_revision", "must be a whole number, 0 or more");
            return null;
        }
        return value.longValue();
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
