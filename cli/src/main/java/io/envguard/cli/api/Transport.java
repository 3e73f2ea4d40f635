package io.envguard.cli.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * JSON over HTTP to the gateway with the user's credential. Knows nothing of paths or shapes ({@link EnvguardApi}
 * does); turns every non-2xx answer into an {@link ApiException} and no answer into {@link Unreachable}.
 */
public final class Transport {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final String baseUrl;
    private final Credential credential;
    private final ObjectMapper json;
    private final HttpClient http;

    public Transport(String baseUrl, Credential credential, ObjectMapper json) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.credential = credential;
        this.json = json;
        // HTTP/1.1: the gateway speaks it, and no upgrade is tried on the first request.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
    }

    JsonNode send(String method, String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .header("User-Agent", "envguard-cli");
        if (credential != null) {
            request.header("Authorization", credential.header());
        }
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(write(body)));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unreachable(baseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable(baseUrl, e);
        } catch (IllegalArgumentException e) {
            throw new Unreachable(baseUrl, e);
        }
        JsonNode answer = read(response.body());
        if (response.statusCode() / 100 != 2) {
            String code = answer.path("code").asText("");
            String message = answer.has("message") ? answer.path("message").asText()
                    : answer.isTextual() ? answer.asText() : "";
            throw new ApiException(baseUrl, response.statusCode(), code, message, answer);
        }
        return answer;
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the request body", e);
        }
    }

    private JsonNode read(String text) {
        if (text == null || text.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            // A proxy's HTML error page, say: kept as text so the message can show it.
            return JsonNodeFactory.instance.textNode(text.strip());
        }
    }
}
