package io.envguard.deployment.testing;

import io.restassured.RestAssured;
import io.smallrye.jwt.build.Jwt;

import java.io.IOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Users as authz-service would resolve them, their tokens, and the stub authz-service that knows them. */
public final class Fixtures {

    public static final String ORG = "org-1";
    public static final String OTHER_ORG = "org-2";
    public static final String DEFAULT_TEAM = "team-default";
    public static final String ML_TEAM = "team-ml";

    private static StubAuthz authz;

    private Fixtures() {
    }

    /** The stub authz-service, started on the port the service was configured with. */
    public static synchronized StubAuthz authz() {
        if (authz == null) {
            authz = new StubAuthz(Integer.getInteger(TestPlatform.AUTHZ_PORT_PROPERTY));
            authz.start();
            Runtime.getRuntime().addShutdownHook(new Thread(authz::stop));
            warmUp();
        }
        return authz;
    }

    /**
     * The service's first calls to authz-service in a cold test JVM (class loading, first connection) can take longer
     * than its 250 ms time-out; tests measure behaviour, not that warm-up.
     */
    private static void warmUp() {
        String key = apiKey();
        for (int attempt = 0; attempt < 20; attempt++) {
            if (RestAssured.given().header("Authorization", "Api-Key " + key).get("/v1/models").statusCode() == 200) {
                return;
            }
        }
    }

    public record User(String userId, String email, String token) {

        public String bearer() {
            return "Bearer " + token;
        }
    }

    /** An org admin of {@link #ORG}. */
    public static User admin() {
        return user("admin", ORG, "ADMIN", List.of(DEFAULT_TEAM));
    }

    /** A member of {@link #ORG}, in its default team and in {@link #ML_TEAM}. */
    public static User member() {
        return user("member", ORG, "MEMBER", List.of(DEFAULT_TEAM, ML_TEAM));
    }

    /** A member of {@link #ORG} in the default team only. */
    public static User outsider() {
        return user("outsider", ORG, "MEMBER", List.of(DEFAULT_TEAM));
    }

    /** An admin of another organisation. */
    public static User stranger() {
        return user("stranger", OTHER_ORG, "ADMIN", List.of("team-other-default"));
    }

    /** A fresh user with a fresh email, known to the stub. */
    public static User user(String name, String organization, String role, List<String> teams) {
        String email = name + "-" + UUID.randomUUID() + "@example.com";
        Map<String, Object> principal = principal(name, email, organization, role, teams, "JWT", null);
        authz().user(principal);
        return new User((String) principal.get("user_id"), email, token(email, name));
    }

    /** An API key of a fresh member of {@link #ORG}, known to the stub. */
    public static String apiKey() {
        String prefix = "k" + UUID.randomUUID().toString().substring(0, 8);
        String key = prefix + ".secret" + UUID.randomUUID();
        authz().apiKey(key, principal("keyholder", "keyholder@example.com", ORG, "MEMBER", List.of(DEFAULT_TEAM, ML_TEAM),
                "API_KEY", prefix));
        return key;
    }

    private static Map<String, Object> principal(String name, String email, String organization, String role,
                                                 List<String> teams, String credential, String prefix) {
        Map<String, Object> principal = new HashMap<>();
        principal.put("user_id", "user-" + UUID.randomUUID());
        principal.put("email", email);
        principal.put("name", name);
        principal.put("organization_id", organization);
        principal.put("default_team_id", teams.get(0));
        principal.put("role", role);
        principal.put("teams", teams.stream().map(team -> Map.of("team_id", team, "role", "MEMBER")).toList());
        principal.put("revision", 5);
        principal.put("credential", credential);
        principal.put("api_key_prefix", prefix);
        return principal;
    }

    /** The key id of the local issuer, which the service expects in every token. */
    public static final String KEY_ID = "envguard-local";

    public static String token(String email, String name) {
        return Jwt.issuer("envguard-local").audience("envguard").subject(email)
                .claim("email", email).claim("name", name).expiresIn(600).jws().keyId(KEY_ID).sign(signingKey());
    }

    /** The private half of the key pair {@link TestPlatform} wrote for this run. */
    public static PrivateKey signingKey() {
        try {
            String pem = Files.readString(TestPlatform.KEYS.resolve("private.pem"))
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
