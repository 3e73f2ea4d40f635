package io.envguard.environment.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Stands in for authz-service's revision endpoint, which is not running in this module's tests: it confirms every
 * revision (or answers the status it is told to, through {@code POST /control/status/{code}}) and remembers each call
 * ({@code GET /control/calls}: one line {@code <path>?<query> <authorization>} per call, newest last).
 */
final class FakeAuthz {

    private final HttpServer server;
    private final ConcurrentLinkedDeque<String> calls = new ConcurrentLinkedDeque<>();
    private volatile int status = 200;

    FakeAuthz() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/internal/v1/organizations/", this::revision);
        server.createContext("/control/status/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            status = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
            respond(exchange, 204, "");
        });
        server.createContext("/control/calls", exchange -> respond(exchange, 200, String.join("\n", calls)));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
    }

    private void revision(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        calls.add(exchange.getRequestURI().getPath() + "?" + query + " "
                + exchange.getRequestHeaders().getFirst("Authorization"));
        String atLeast = query.replaceAll(".*at_least=(\\d+).*", "$1");
        respond(exchange, status, status == 200 ? "{\"revision\":" + atLeast + "}"
                : "{\"code\":\"AUTHZ_UNAVAILABLE\",\"message\":\"not yet\"}");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        if (status != 204) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
