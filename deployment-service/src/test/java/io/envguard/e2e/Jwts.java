package io.envguard.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hand-made JWTs, good and hostile, signed with the local platform's own key ({@code .platform/keys}), so that the
 * security tests can forge exactly the token each case needs.
 */
final class Jwts {

    static final Path KEYS = Path.of(System.getProperty("envguard.keys", "../.platform/keys"));

    private Jwts() {
    }

    /** The claims the local issuer puts in a token, valid for ten minutes. */
    static Map<String, Object> claims(String email) {
        Map<String, Object> claims = new LinkedHashMap<>();
        long now = Instant.now().getEpochSecond();
        claims.put("iss", "envguard-local");
        claims.put("aud", "envguard");
        claims.put("sub", email);
        claims.put("email", email);
        claims.put("name", "Mallory");
        claims.put("iat", now);
        claims.put("exp", now + 600);
        return claims;
    }

    /** A header with the key id of the local issuer, as a forger who read an honest token would write it. */
    static Map<String, Object> header(String alg) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", alg);
        header.put("typ", "JWT");
        header.put("kid", "envguard-local");
        return header;
    }

    /** Signed with the local platform's key. */
    static String rs256(Map<String, Object> header, Map<String, Object> claims) {
        return rs256(privateKey(), header, claims);
    }

    static String rs256(PrivateKey key, Map<String, Object> header, Map<String, Object> claims) {
        String signingInput = encode(header) + "." + encode(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    static String hs256WithPublicKey(Map<String, Object> claims) {
        String signingInput = encode(header("HS256")) + "." + encode(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Files.readAllBytes(KEYS.resolve("public.pem")), "HmacSHA256"));
            return signingInput + "." + base64(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    static String unsigned(String alg, Map<String, Object> claims) {
        return encode(header(alg)) + "." + encode(claims) + ".";
    }

    static String encode(Map<String, Object> json) {
        return base64(toJson(json).getBytes(StandardCharsets.UTF_8));
    }

    static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String toJson(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .map(e -> toJson(e.getKey().toString()) + ":" + toJson(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Jwts::toJson).collect(Collectors.joining(",", "[", "]"));
        }
        if (value instanceof String text) {
            return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        return String.valueOf(value);
    }

    private static PrivateKey privateKey() {
        try {
            String pem = Files.readString(KEYS.resolve("private.pem"))
                    .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                    .replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the local platform's key", e);
        }
    }
}
