package io.envguard.authz.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** How an API key is recognised in a header and compared with its projected hash. */
final class ApiKeys {

    private ApiKeys() {
    }

    /** A key has exactly one dot, between a non-empty prefix and a non-empty secret; a JWT has two. */
    static boolean looksLikeKey(String credential) {
        int dot = credential.indexOf('.');
        return dot > 0 && dot < credential.length() - 1 && credential.indexOf('.', dot + 1) < 0;
    }

    /** Compares SHA-256 of the whole key with the stored hex digest in time independent of where they differ. */
    static boolean matches(String key, String storedSha256Hex) {
        byte[] stored;
        try {
            stored = HexFormat.of().parseHex(storedSha256Hex);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sha256(key), stored);
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
