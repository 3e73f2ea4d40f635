package io.envguard.environment.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The local token issuer, standing in for the organisation's identity provider outside production. */
@ConfigMapping(prefix = "envguard.local-issuer")
public interface LocalIssuer {

    /** Off in the production profile: {@code POST /v1/auth/token} then answers 404. */
    @WithDefault("true")
    boolean enabled();

    /**
     * The {@code kid} header of issued tokens. The services of the local profile accept only tokens that carry it
     * ({@code smallrye.jwt.token.kid}), so a token with another key id is refused even before its signature is checked.
     */
    @WithDefault("envguard-local")
    String keyId();

    /** Lifetime of an issued token. */
    @WithDefault("PT1H")
    Duration tokenTtl();
}
