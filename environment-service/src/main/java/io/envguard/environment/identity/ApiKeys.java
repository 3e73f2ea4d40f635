package io.envguard.environment.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The shape of API keys: {@code <prefix>.<secret>}, a public prefix and 32 random bytes in base64url. */
public final class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int PREFIX_LENGTH = 10;
    private static final Pattern SHAPE = Pattern.compile("^[a-z0-9]{" + PREFIX_LENGTH + "}\\.[A-Za-z0-9_-]{43}$");

    private ApiKeys() {
    }

    public static String newPrefix() {
        StringBuilder prefix = new StringBuilder(PREFIX_LENGTH);
        for (int i = 0; i < PREFIX_LENGTH; i++) {
            prefix.append(PREFIX_ALPHABET.charAt(RANDOM.nextInt(PREFIX_ALPHABET.length())));
        }
        return prefix.toString();
    }

    public static String newKey(String prefix) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return prefix + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    public static boolean hasKeyShape(String credential) {
        return SHAPE.matcher(credential).matches();
    }

    static String prefixOf(String key) {
        return key.substring(0, key.indexOf('.'));
    }

    /** Hex SHA-256 of the whole key: the only form in which a key is ever stored or published. */
    public static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
