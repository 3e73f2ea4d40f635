package io.envguard.authz.identity;

import io.envguard.authz.operator.OperatorAuthenticationRequest;
import io.envguard.edge.identity.ApiKeyAuthenticationRequest;
import io.envguard.edge.identity.Emails;
import io.envguard.edge.identity.VerifiedTokens;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.smallrye.jwt.runtime.auth.JWTAuthMechanism;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Reads {@code Authorization}: {@code Api-Key <key>} and {@code Bearer <prefix>.<secret>} are API keys,
 * {@code Operator <token>} is the operator token ({@link Operators}), any other bearer token goes to SmallRye JWT.
 * Replaces the JWT mechanism so that every credential shares one challenge.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CredentialAuthMechanism implements HttpAuthenticationMechanism {

    private static final String API_KEY_SCHEME = "api-key ";
    private static final String BEARER_SCHEME = "bearer ";
    private static final String OPERATOR_SCHEME = "operator ";
    private static final int MAX_CREDENTIAL_LENGTH = 8192;

    private final JWTAuthMechanism jwt;
    private final VerifiedTokens verifiedTokens;
    private final ApiKeyIdentityProvider apiKeys;

    public CredentialAuthMechanism(JWTAuthMechanism jwt, VerifiedTokens verifiedTokens,
                                   ApiKeyIdentityProvider apiKeys) {
        this.jwt = jwt;
        this.verifiedTokens = verifiedTokens;
        this.apiKeys = apiKeys;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String header = context.request().getHeader("Authorization");
        if (header != null && header.length() > MAX_CREDENTIAL_LENGTH) {
            // No honest credential is this long; refuse it before parsing or verifying anything.
            return Uni.createFrom().failure(new AuthenticationFailedException("credential too long"));
        }
        if (header != null && header.regionMatches(true, 0, OPERATOR_SCHEME, 0, OPERATOR_SCHEME.length())) {
            return identities.authenticate(new OperatorAuthenticationRequest(
                    header.substring(OPERATOR_SCHEME.length()).trim()));
        }
        String token = bearerToken(header);
        String key = apiKey(header, token);
        if (key != null) {
            return key.isEmpty()
                    ? Uni.createFrom().failure(new AuthenticationFailedException("malformed API key"))
                    : identities.authenticate(new ApiKeyAuthenticationRequest(key));
        }
        if (token == null) {
            return jwt.authenticate(context, identities);
        }
        SecurityIdentity known = verifiedTokens.find(token);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return jwt.authenticate(context, identities)
                .onItem().ifNotNull().transform(identity -> verifiedTokens.remember(token, identifying(identity)));
    }

    /**
     * The identity {@link #authenticate} would give at once, without verifying or reading anything: that of a bearer
     * JWT verified before and not expired yet, or of an API key whose owner and organisation's current facts are in
     * memory ({@link ApiKeyIdentityProvider#knownNow}). Null for anything else, including every credential
     * {@link #authenticate} would refuse: no header, one too long, the operator token, a malformed or unknown key.
     */
    public SecurityIdentity knownNow(String header) {
        if (header == null || header.length() > MAX_CREDENTIAL_LENGTH
                || header.regionMatches(true, 0, OPERATOR_SCHEME, 0, OPERATOR_SCHEME.length())) {
            return null;
        }
        String token = bearerToken(header);
        String key = apiKey(header, token);
        if (key != null) {
            return key.isEmpty() ? null : apiKeys.knownNow(new ApiKeyAuthenticationRequest(key));
        }
        return token == null ? null : verifiedTokens.find(token);
    }

    /**
     * A verified JWT counts only when its email identifies someone (see {@link Emails#of}); its {@link Caller} is
     * worked out here, once for as long as the token is remembered, rather than on every request.
     */
    private static SecurityIdentity identifying(SecurityIdentity identity) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            return identity;
        }
        Caller caller = Caller.of(token).orElseThrow(
                () -> new AuthenticationFailedException("the token's email is not a verified plain address"));
        return QuarkusSecurityIdentity.builder(identity).addAttribute(Caller.ATTRIBUTE, caller).build();
    }

    /** The bearer token in the header, or null. */
    private static String bearerToken(String header) {
        if (header == null || !header.regionMatches(true, 0, BEARER_SCHEME, 0, BEARER_SCHEME.length())) {
            return null;
        }
        String token = header.substring(BEARER_SCHEME.length()).trim();
        return token.isEmpty() ? null : token;
    }

    /**
     * The API key in the header, "" for a malformed one, null when the header carries no API key; {@code bearer} is the
     * header's bearer token, read once per request (a JWT is some 700 characters).
     */
    private static String apiKey(String header, String bearer) {
        if (header != null && header.regionMatches(true, 0, API_KEY_SCHEME, 0, API_KEY_SCHEME.length())) {
            String key = header.substring(API_KEY_SCHEME.length()).trim();
            return ApiKeys.looksLikeKey(key) ? key : "";
        }
        return bearer != null && ApiKeys.looksLikeKey(bearer) ? bearer : null;
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return jwt.getChallenge(context);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class, ApiKeyAuthenticationRequest.class,
                OperatorAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return jwt.getCredentialTransport(context);
    }
}
