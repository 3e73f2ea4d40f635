package io.envguard.deployment.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** JWTs assembled field by field, so that a test can break exactly one thing about an otherwise honest token. */
public final class HandMadeTokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private HandMadeTokens() {
    }

    public static Map<String, Object> header(String algorithm) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", algorithm);
        header.put("typ", "JWT");
        header.put("kid", Fixtures.KEY_ID);
        return header;
    }

    public static Map<String, Object> claims(String email) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "envguard-local");
        claims.put("aud", "envguard");
        claims.put("sub", email);
        claims.put("email", email);
        claims.put("iat", now);
        claims.put("exp", now + 600);
        return claims;
    }

    public static String rs256(Map<String, Object> header, Map<String, Object> claims) {
        return rs256(header, claims, Fixtures.signingKey());
    }

    public static String rs256(Map<String, Object> header, Map<String, Object> claims, PrivateKey key) {
        String input = part(header) + "." + part(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + BASE64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed with HMAC, the public key's PEM text as the secret: the classic algorithm confusion. */
    public static String hs256WithThePublicKey(Map<String, Object> claims) {
        String input = part(header("HS256")) + "." + part(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Files.readAllBytes(TestPlatform.KEYS.resolve("public.pem")), "HmacSHA256"));
            return input + "." + BASE64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String unsigned(Map<String, Object> claims) {
        return part(header("none")) + "." + part(claims) + ".";
    }

    private static String part(Map<String, Object> json) {
        try {
            return BASE64.encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
