package io.envguard.e2e;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An organisation's identity provider, as the production profile trusts one: an RSA key pair of its own, whose public
 * key it publishes as a JWKS at an HTTP URL (what {@code k8s/overlays/production} names in
 * {@code MP_JWT_VERIFY_PUBLICKEY_LOCATION}), and the tokens it signs with it.
 */
final class ExternalIssuer implements AutoCloseable {

    static final String ISSUER = "https://login.example.com/";
    static final String AUDIENCE = "envguard";
    static final String KEY_ID = "login-example-2026";

    private final KeyPair keys;
    private final HttpServer server;

    private ExternalIssuer(KeyPair keys, HttpServer server) {
        this.keys = keys;
        this.server = server;
    }

    static ExternalIssuer start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            byte[] jwks = jwks((RSAPublicKey) keys.getPublic()).getBytes(StandardCharsets.UTF_8);
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/.well-known/jwks.json", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(jwks);
                }
            });
            server.start();
            return new ExternalIssuer(keys, server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish the issuer's key set", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String jwksUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    /** A token of this issuer for the user, as it would hand it out. */
    String token(String email) {
        return sign(header(), claims(email));
    }

    String sign(Map<String, Object> header, Map<String, Object> claims) {
        return Jwts.rs256(keys.getPrivate(), header, claims);
    }

    static Map<String, Object> header() {
        Map<String, Object> header = Jwts.header("RS256");
        header.put("kid", KEY_ID);
        return header;
    }

    static Map<String, Object> claims(String email) {
        Map<String, Object> claims = Jwts.claims(email);
        claims.put("iss", ISSUER);
        claims.put("aud", AUDIENCE);
        return claims;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static String jwks(RSAPublicKey key) {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("kid", KEY_ID);
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("n", unsigned(key.getModulus()));
        jwk.put("e", unsigned(key.getPublicExponent()));
        return "{\"keys\":[" + Jwts.toJson(jwk) + "]}";
    }

    /** Base64url of the big-endian magnitude, without the sign byte Java adds (RFC 7518 §6.3.1). */
    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes[0] == 0 && bytes.length > 1) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Jwts.base64(bytes);
    }
}
