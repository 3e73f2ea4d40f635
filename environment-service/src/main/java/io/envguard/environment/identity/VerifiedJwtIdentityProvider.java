package io.envguard.environment.identity;

import io.envguard.edge.identity.Emails;
import io.envguard.edge.identity.VerifiedTokens;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Authenticates bearer JWTs through SmallRye JWT's own validator (signature, issuer, audience, expiry, required claims)
 * the first time a token is seen, and from {@link VerifiedTokens} after that. Asked before that validator, which then
 * never sees a token this provider answered.
 */
@ApplicationScoped
public class VerifiedJwtIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final MpJwtValidator validator;
    private final VerifiedTokens verifiedTokens;

    VerifiedJwtIdentityProvider(MpJwtValidator validator, VerifiedTokens verifiedTokens) {
        this.validator = validator;
        this.verifiedTokens = verifiedTokens;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return validator.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        SecurityIdentity known = verifiedTokens.find(token);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return validator.authenticate(request, context)
                .onItem().ifNotNull().transform(identity -> verifiedTokens.remember(token, identifying(identity)));
    }

    /** A verified JWT counts only when its email identifies someone (see {@link Emails#of}). */
    private static SecurityIdentity identifying(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken token && Emails.of(token).isEmpty()) {
            throw new AuthenticationFailedException("the token's email is not a verified plain address");
        }
        return identity;
    }
}
