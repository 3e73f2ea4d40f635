package io.envguard.environment.identity;

import io.envguard.edge.identity.ApiKeyAuthenticationRequest;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * Recognises API keys before the JWT mechanism sees the header: {@code Api-Key <key>}, or {@code Bearer <key>} when the
 * credential has the key's shape (one dot) rather than a JWT's (two). Anything else is left to the JWT mechanism.
 */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    private static final String API_KEY_SCHEME = "api-key ";
    private static final String BEARER_SCHEME = "bearer ";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader("Authorization");
        if (header == null) {
            return Uni.createFrom().nullItem();
        }
        String lower = header.toLowerCase(java.util.Locale.ROOT);
        String key;
        if (lower.startsWith(API_KEY_SCHEME)) {
            key = header.substring(API_KEY_SCHEME.length()).strip();
            if (!ApiKeys.hasKeyShape(key)) {
                return Uni.createFrom().failure(new AuthenticationFailedException("malformed API key"));
            }
        } else if (lower.startsWith(BEARER_SCHEME) && ApiKeys.hasKeyShape(header.substring(BEARER_SCHEME.length()).strip())) {
            key = header.substring(BEARER_SCHEME.length()).strip();
        } else {
            return Uni.createFrom().nullItem();
        }
        ApiKeyAuthenticationRequest request = new ApiKeyAuthenticationRequest(key);
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        return identityProviderManager.authenticate(request);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Api-Key"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyAuthenticationRequest.class);
    }

    @Override
    public int getPriority() {
        // ahead of the JWT mechanism, which would reject an API key sent as a Bearer token
        return DEFAULT_PRIORITY + 100;
    }
}
