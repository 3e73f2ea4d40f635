package io.envguard.edge.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LoadShedding on a bare router that admits one request at a time, with a route that answers only when told to. */
class LoadSheddingTest {

    private final List<RoutingContext> held = new CopyOnWriteArrayList<>();
    private Vertx vertx;
    private int port;

    @BeforeEach
    void aServerThatAdmitsOneRequestAtATime() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        new LoadShedding(1).register(router);
        router.get("/held").handler(held::add);
        router.get("/answered").handler(context -> context.response().end("{}"));
        router.get("/q/health/ready").handler(context -> context.response().end("{\"status\":\"UP\"}"));
        port = vertx.createHttpServer().requestHandler(router).listen(0)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRequestOverTheLimitIsAnswered429AtOnce() throws Exception {
        try (Socket ignored = holdOneRequest()) {
            Response shed = get("/answered");
            assertEquals(429, shed.statusCode());
            assertEquals("1", shed.header("Retry-After"));
            assertEquals("TOO_MANY_REQUESTS", shed.jsonPath().getString("code"));
        }
    }

    @Test
    void healthIsNeverShed() throws Exception {
        try (Socket ignored = holdOneRequest()) {
            assertEquals(200, get("/q/health/ready").statusCode());
        }
    }

    @Test
    void aRequestIsAdmittedOnceTheOneInFlightIsAnswered() throws Exception {
        try (Socket ignored = holdOneRequest()) {
            held.get(0).response().end("{}");
            assertEquals(200, awaitAdmitted("/answered"));
        }
    }

    @Test
    void aRequestIsAdmittedOnceTheClientInFlightHasGoneAway() throws Exception {
        holdOneRequest().close();
        assertEquals(200, awaitAdmitted("/answered"));
    }

    /** Sends a request to /held on a connection of its own and waits until it is in flight. */
    private Socket holdOneRequest() throws IOException, InterruptedException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.getOutputStream()
                .write("GET /held HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (held.isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the held request never arrived");
            Thread.sleep(10);
        }
        return socket;
    }

    /** The status of the first answer other than 429: the slot is freed a moment after the answer or the close. */
    private int awaitAdmitted(String path) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int status;
        while ((status = get(path).statusCode()) == 429 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return status;
    }

    private Response get(String path) {
        return given().port(port).get(path);
    }
}
