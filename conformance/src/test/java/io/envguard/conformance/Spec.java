package io.envguard.conformance;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Baseten's management API as far as Envguard shares it (the copy under src/main/openapi, from which the client is
 * generated too): its operations, the request bodies it documents, and its response schemas as a validator.
 */
final class Spec {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path LOCATION = Path.of(System.getProperty("conformance.spec",
            "src/main/openapi/baseten-management-openapi.shared-paths.json"));
    /** The name the validator knows the spec by, so that its {@code #/components/...} references resolve within it. */
    private static final String ID = "https://envguard.invalid/baseten-management-openapi.shared-paths.json";
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");
    private static final Pattern CURL_DATA = Pattern.compile("--data '(.*)'", Pattern.DOTALL);

    /**
     * One operation of the spec: a method on a path, with its request schema and the body of its curl sample (each
     * null when it takes no body).
     */
    record Operation(String method, String path, JsonNode requestSchema, ObjectNode sampleBody) {

        /** {@code POST /v1/models}: how the tests and their output name an operation. */
        String key() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }

        /** The path with each {@code {parameter}} replaced; a parameter without a value is a mistake of the test. */
        String expand(Map<String, String> parameters) {
            String expanded = path;
            for (Map.Entry<String, String> parameter : parameters.entrySet()) {
                expanded = expanded.replace("{" + parameter.getKey() + "}", parameter.getValue());
            }
            if (expanded.contains("{")) {
                throw new IllegalArgumentException("no value for a parameter of " + path + ": " + parameters);
            }
            return expanded;
        }

        /** The names of the path's parameters, in order. */
        List<String> parameters() {
            List<String> names = new ArrayList<>();
            for (String segment : path.split("/")) {
                if (segment.startsWith("{")) {
                    names.add(segment.substring(1, segment.length() - 1));
                }
            }
            return names;
        }
    }

    private final JsonNode root;
    private final SchemaRegistry registry;

    private Spec(String text) {
        this.root = JSON.readTree(text);
        // OpenAPI 3.1 schemas are JSON Schema 2020-12.
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.of(ID, text)));
    }

    static Spec load() {
        try {
            return new Spec(Files.readString(LOCATION));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spec at " + LOCATION.toAbsolutePath(), e);
        }
    }

    /** Every operation of the spec, in its order. */
    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : root.path("paths").properties()) {
            for (String method : METHODS) {
                JsonNode operation = path.getValue().path(method);
                if (!operation.isMissingNode()) {
                    JsonNode request = operation.at("/requestBody/content/application~1json/schema");
                    operations.add(new Operation(method, path.getKey(), request.isMissingNode() ? null : request,
                            sampleBody(operation)));
                }
            }
        }
        return operations;
    }

    /** The operation named by its key, e.g. {@code POST /v1/models}. */
    Operation operation(String key) {
        return operations().stream().filter(operation -> operation.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the spec has no operation " + key));
    }

    /**
     * What the response body breaks of the operation's 200 response schema, one line per error of the validator
     * ({@code format} asserted too: a date-time a client cannot parse is an error); empty when it conforms.
     */
    List<String> responseViolations(Operation operation, JsonNode body) {
        String pointer = "/paths/" + escape(operation.path()) + "/" + operation.method()
                + "/responses/200/content/application~1json/schema";
        if (root.at(pointer).isMissingNode()) {
            return List.of("the spec documents no JSON 200 response for " + operation.key());
        }
        return violations(pointer, body);
    }

    /**
     * The top-level fields of a conforming body that the operation's 200 response schema does not name: Envguard's
     * extras (the schemas allow additional properties), for the table of docs/api.md.
     */
    List<String> extraFields(Operation operation, JsonNode body) {
        JsonNode schema = root.at("/paths/" + escape(operation.path()) + "/" + operation.method()
                + "/responses/200/content/application~1json/schema");
        while (schema.has("$ref")) {
            schema = root.at(schema.get("$ref").asText().substring(1));
        }
        JsonNode named = schema.path("properties");
        List<String> extras = new ArrayList<>();
        if (body.isObject()) {
            for (String name : body.propertyNames()) {
                if (!named.has(name)) {
                    extras.add(name);
                }
            }
        }
        return extras;
    }

    /** What a request body breaks of the operation's request schema (for the documented bodies' own test). */
    List<String> requestViolations(Operation operation, JsonNode body) {
        return violations("/paths/" + escape(operation.path()) + "/" + operation.method()
                + "/requestBody/content/application~1json/schema", body);
    }

    private List<String> violations(String pointer, JsonNode body) {
        Schema schema = registry.getSchema(SchemaLocation.of(ID + "#" + pointer));
        return schema.validate(body, context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)))
                .stream().map(error -> location(error.getInstanceLocation().toString()) + ": " + error.getMessage())
                .toList();
    }

    /** Where in the body, as a JSON pointer ({@code /} for the whole body). */
    private static String location(String pointer) {
        return pointer.isEmpty() ? "/" : pointer;
    }

    /**
     * The request body the spec documents for an operation: the body of its curl sample, which is what a Baseten user
     * copies, with each required property the sample leaves null (a placeholder such as {@code "source": null}) given
     * its documented value. Without a sample: the documented value of the request schema. Null without a body.
     */
    ObjectNode documentedBody(Operation operation) {
        if (operation.requestSchema() == null) {
            return null;
        }
        if (operation.sampleBody() == null) {
            return (ObjectNode) example(operation.requestSchema());
        }
        ObjectNode body = operation.sampleBody().deepCopy();
        JsonNode schema = resolve(operation.requestSchema());
        for (JsonNode required : schema.path("required")) {
            if (body.path(required.asString()).isNull()) {
                body.set(required.asString(), example(schema.path("properties").path(required.asString())));
            }
        }
        return body;
    }

    /** The JSON body of the operation's curl sample ({@code --data '{...}'}), or null. */
    private static ObjectNode sampleBody(JsonNode operation) {
        for (JsonNode sample : operation.path("x-codeSamples")) {
            Matcher data = CURL_DATA.matcher(sample.path("source").asString(""));
            if ("bash".equals(sample.path("lang").asString("")) && data.find()) {
                return (ObjectNode) JSON.readTree(data.group(1));
            }
        }
        return null;
    }

    /** The documented value of a schema of components.schemas, e.g. a model source of one kind. */
    ObjectNode example(String schemaName) {
        return (ObjectNode) example(root.path("components").path("schemas").path(schemaName));
    }

    /**
     * The documented value of a schema: its first {@code examples} value where it gives one, otherwise a value built
     * from it, with every required property, every {@code const} (such as a source's {@code kind}) and every property
     * that has examples.
     */
    private JsonNode example(JsonNode schema) {
        if (schema.path("examples").isArray() && !schema.path("examples").isEmpty()) {
            return schema.path("examples").get(0).deepCopy();
        }
        JsonNode resolved = resolve(schema);
        if (resolved != schema) {
            return example(resolved);
        }
        for (String key : List.of("const", "example", "default")) {
            if (schema.has(key) && !(key.equals("default") && schema.get(key).isNull())) {
                return schema.get(key).deepCopy();
            }
        }
        if (schema.path("enum").isArray()) {
            return schema.path("enum").get(0).deepCopy();
        }
        for (String choice : List.of("oneOf", "anyOf", "allOf")) {
            for (JsonNode alternative : schema.path(choice)) {
                if (!"null".equals(alternative.path("type").asString(""))) {
                    return example(alternative);
                }
            }
        }
        return switch (schema.path("type").asString("object")) {
            case "object" -> object(schema);
            case "array" -> JsonNodeFactory.instance.arrayNode().add(example(schema.path("items")));
            case "string" -> JsonNodeFactory.instance.stringNode("conformance");
            case "integer", "number" -> schema.has("minimum") ? schema.get("minimum").deepCopy()
                    : JsonNodeFactory.instance.numberNode(1);
            case "boolean" -> JsonNodeFactory.instance.booleanNode(true);
            default -> JsonNodeFactory.instance.nullNode();
        };
    }

    private ObjectNode object(JsonNode schema) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(name -> required.add(name.asString()));
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            JsonNode definition = property.getValue();
            if (required.contains(property.getKey()) || definition.has("examples") || definition.has("const")) {
                body.set(property.getKey(), example(definition));
            }
        }
        return body;
    }

    /** The schema a {@code $ref} points to (within the spec), or the schema itself. */
    private JsonNode resolve(JsonNode schema) {
        JsonNode reference = schema.path("$ref");
        return reference.isString() ? root.at(reference.asString().substring(1)) : schema;
    }

    /** A path as a JSON pointer token: {@code /v1/models} is {@code ~1v1~1models}. */
    private static String escape(String path) {
        return path.replace("~", "~0").replace("/", "~1");
    }
}
