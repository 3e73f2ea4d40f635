package io.envguard.deployment.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in for authz-service's internal API on a local port, scripted by the tests. authz-service itself is not
 * running during this module's tests; {@link #stop()} closes the port so the service meets a dead authz for real.
 */
public final class StubAuthz {

    public enum CheckMode { ANSWER, SERVER_ERROR, SLOW }

    public record Check(String authorization, JsonNode body) {
    }

    /** A public dry run relayed here: its path, the credential and the body as they arrived. */
    public record DryRun(String path, String authorization, String body) {
    }

    /** The access revision the stub has reached: a check demanding a newer one is answered 503, as authz-service does after its wait. */
    public static final int REVISION = 7;

    /** A check about one environment held back until released, as a check waiting for a revision is. */
    public static final class Hold {
        private final String environment;
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        private Hold(String environment) {
            this.environment = environment;
        }

        /** Whether the held check arrived within the time. */
        public boolean awaitArrived(long millis) throws InterruptedException {
            return arrived.await(millis, TimeUnit.MILLISECONDS);
        }

        public void release() {
            released.countDown();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final Map<String, Map<String, Object>> principalsByEmail = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> principalsByApiKey = new ConcurrentHashMap<>();
    private final List<Check> checks = new CopyOnWriteArrayList<>();
    private final List<DryRun> dryRuns = new CopyOnWriteArrayList<>();
    private volatile boolean allow = true;
    private volatile String denyReason = "NOT_GRANTED";
    private volatile CheckMode checkMode = CheckMode.ANSWER;
    private volatile HttpServer server;
    private final Set<String> restricted = ConcurrentHashMap.newKeySet();
    /** "environment user_id" of each grant on a restricted environment. */
    private final Set<String> grants = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Hold> hold = new AtomicReference<>();

    StubAuthz(int port) {
        this.port = port;
    }

    public int port() {
        return port;
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
            created.createContext("/internal/v1/principal", this::principal);
            created.createContext("/internal/v1/checks", this::check);
            created.createContext("/v1/permissions/", this::dryRun);
            created.setExecutor(Executors.newFixedThreadPool(8));
            created.start();
            server = created;
        } catch (IOException e) {
            throw new IllegalStateException("stub authz could not listen on " + port, e);
        }
    }

    /** Closes the port: every call meets a refused connection. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    public void reset() {
        restricted.clear();
        grants.clear();
        Hold held = hold.getAndSet(null);
        if (held != null) {
            held.release();
        }
        allow = true;
        denyReason = "NOT_GRANTED";
        checkMode = CheckMode.ANSWER;
        awaitQuiet();
        checks.clear();
        dryRuns.clear();
        start();
    }

    /**
     * Lets a check still travelling from the previous test land before the record is cleared: the service asks authz
     * while it reads, and a request refused by that read (400, 404) may answer before its check arrives here.
     */
    private void awaitQuiet() {
        long deadline = System.nanoTime() + 1_000_000_000L;
        int seen;
        do {
            seen = checks.size();
            sleep(100);
        } while (checks.size() != seen && System.nanoTime() < deadline);
    }

    public void user(Map<String, Object> principal) {
        principalsByEmail.put(((String) principal.get("email")).toLowerCase(), principal);
    }

    public void apiKey(String key, Map<String, Object> principal) {
        principalsByApiKey.put(key, principal);
    }

    public void allow() {
        allow = true;
    }

    public void deny(String reason) {
        allow = false;
        denyReason = reason;
    }

    /** Checks about the environment are denied (NOT_GRANTED) for every caller but org admins, as a restriction does. */
    public void restrict(String environment) {
        restricted.add(environment);
    }

    /** Checks about the restricted environment are allowed (GRANTED) for the user, as a grant does. */
    public void grant(String environment, String userId) {
        grants.add(environment + " " + userId);
    }

    /** Holds back the next check about the environment until {@link Hold#release()} (at most two seconds). */
    public Hold hold(String environment) {
        Hold held = new Hold(environment);
        hold.set(held);
        return held;
    }

    public void checkMode(CheckMode mode) {
        checkMode = mode;
    }

    public List<Check> checks() {
        return List.copyOf(checks);
    }

    public List<DryRun> dryRuns() {
        return List.copyOf(dryRuns);
    }

    /** Answers any JSON object as allowed (UNRESTRICTED) and anything else 400, as authz-service refuses it. */
    private void dryRun(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        dryRuns.add(new DryRun(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Authorization"),
                body));
        boolean object;
        try {
            object = JSON.readTree(body).isObject();
        } catch (IOException e) {
            object = false;
        }
        if (object) {
            send(exchange, 200, Map.of("allowed", true, "reason", "UNRESTRICTED", "revision", REVISION));
        } else {
            send(exchange, 400, Map.of("code", "VALIDATION_FAILED", "message", "the body is not a JSON object"));
        }
    }

    private void principal(HttpExchange exchange) throws IOException {
        Map<String, Object> principal = resolve(exchange.getRequestHeaders().getFirst("Authorization"));
        if (principal == null) {
            send(exchange, 401, Map.of("code", "UNAUTHENTICATED", "message", "unknown credential"));
        } else {
            send(exchange, 200, principal);
        }
    }

    private void check(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        checks.add(new Check(authorization, body));
        String environment = body.path("environment").asText();
        Hold held = hold.get();
        if (held != null && held.environment.equals(environment) && hold.compareAndSet(held, null)) {
            held.arrived.countDown();
            try {
                held.released.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (body.path("min_revision").asLong(0) > REVISION) {
            send(exchange, 503, Map.of("code", "AUTHZ_UNAVAILABLE", "message", "revision " + body.path("min_revision")
                    + " not reached; the access table is at " + REVISION));
            return;
        }
        switch (checkMode) {
            case SERVER_ERROR -> send(exchange, 500, Map.of("code", "INTERNAL", "message", "boom"));
            case SLOW -> {
                sleep(1_000);
                send(exchange, 200, Map.of("allowed", true, "reason", "UNRESTRICTED", "revision", 7));
            }
            case ANSWER -> {
                Map<String, Object> principal = resolve(authorization);
                boolean admin = principal != null && "ADMIN".equals(principal.get("role"));
                boolean granted = principal != null && grants.contains(environment + " " + principal.get("user_id"));
                boolean allowed = allow && (admin || granted || !restricted.contains(environment));
                String reason = !restricted.contains(environment) ? "UNRESTRICTED" : admin ? "ORG_ADMIN" : "GRANTED";
                send(exchange, 200, Map.of("allowed", allowed, "reason", allowed ? reason : denyReason,
                        "revision", REVISION, "user_id", principal == null ? "?" : principal.get("user_id")));
            }
        }
    }

    private Map<String, Object> resolve(String authorization) {
        if (authorization == null) {
            return null;
        }
        String[] parts = authorization.split(" ", 2);
        if (parts.length != 2) {
            return null;
        }
        String credential = parts[1];
        if (parts[0].equalsIgnoreCase("Bearer") && credential.chars().filter(c -> c == '.').count() == 2) {
            try {
                JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(credential.split("\\.")[1]));
                return principalsByEmail.get(claims.path("email").asText().toLowerCase());
            } catch (IOException | IllegalArgumentException e) {
                return null;
            }
        }
        return principalsByApiKey.get(credential);
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
