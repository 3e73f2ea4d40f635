package io.envguard.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The gateway's limit per credential (docker/nginx/limits.conf) counts the credential, not the way its header is
 * spelt: {@code bearer X}, {@code BEARER X} and {@code Bearer  X} are one bucket, so changing the spelling does not buy
 * another 500 requests/s.
 * <p>
 * Each request is answered by the gateway itself, after its limits: a chunked body announcing a chunk over the body limit
 * is refused 413 before any service sees it, unless the limit refused it first (429). That keeps the count independent of
 * how fast the services answer on a busy machine. The requests come from many loopback addresses (127.0.x.y), so the
 * limits per address never play a part.
 */
class GatewayCredentialLimitIT {

    /** Fewer than the bucket's burst (500) plus the one request a bucket admits beyond it: one credential alone never trips it. */
    private static final int PER_SPELLING = 450;

    @Test
    void oneCredentialIsOneBucketHoweverItsSchemeIsSpelt() throws Exception {
        String token = token();
        Map<Integer, Integer> spelt = send(List.of("bearer " + token, "BEARER " + token, "Bearer  " + token));
        assertTrue(spelt.getOrDefault(429, 0) > 0,
                "three spellings of one credential were counted apart: " + spelt);
        assertEquals(3 * PER_SPELLING, spelt.getOrDefault(429, 0) + spelt.getOrDefault(413, 0), "answers: " + spelt);
    }

    @Test
    void threeCredentialsAreThreeBuckets() throws Exception {
        Map<Integer, Integer> apart = send(List.of("Bearer " + token(), "bearer " + token(), "Bearer " + token()));
        assertEquals(Map.of(413, 3 * PER_SPELLING), apart, "three credentials at the same rate, each under its limit");
    }

    /** Shaped as a JWT and unique to the test, so its bucket is new. */
    private static String token() {
        return "eyJhbGciOiJSUzI1NiJ9.e30." + UUID.randomUUID().toString().replace("-", "");
    }

    /** {@link #PER_SPELLING} requests with each Authorization header, interleaved; counts the answers by status. */
    private static Map<Integer, Integer> send(List<String> authorizations) throws Exception {
        URI gateway = URI.create(Gateway.URL);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < PER_SPELLING; i++) {
                for (int s = 0; s < authorizations.size(); s++) {
                    String authorization = authorizations.get(s);
                    InetAddress from = InetAddress.getByAddress(new byte[] {127, 0, (byte) (20 + s), (byte) (2 + i % 200)});
                    answers.add(pool.submit(() -> oversizedChunkedPost(gateway, from, authorization)));
                }
            }
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (Future<Integer> answer : answers) {
                statuses.merge(answer.get(), 1, Integer::sum);
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static int oversizedChunkedPost(URI gateway, InetAddress from, String authorization) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(gateway.getHost(), gateway.getPort()), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/models HTTP/1.1\r\nHost: " + gateway.getHost() + "\r\nAuthorization: " + authorization
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                    + "200000\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
