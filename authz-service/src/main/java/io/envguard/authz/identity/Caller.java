package io.envguard.authz.identity;

import io.envguard.authz.operator.Operators;
import io.envguard.edge.error.ApiException;
import io.envguard.edge.identity.Emails;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The authenticated credential, before it is looked up in an organisation: an API key names its user and organisation,
 * a JWT only an email.
 */
public record Caller(Principal.Credential credential, String email, String name, String userId, String organizationId,
                     String apiKeyPrefix) {

    /** The identity attribute under which {@link CredentialAuthMechanism} keeps a verified JWT's caller. */
    static final String ATTRIBUTE = "envguard.caller";

    public static Caller of(SecurityIdentity identity) {
        if (identity.getAttribute(ATTRIBUTE) instanceof Caller known) {
            return known; // worked out once, when its token was verified
        }
        if (Operators.isOperatorToken(identity)) {
            // Platform operations only: the token is nobody's, so it may not act as anyone in an organisation.
            throw ApiException.unauthenticated("the operator token is for platform operations only");
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            return of(jwt).orElseThrow(
                    () -> ApiException.unauthenticated("the token's email is not a verified plain address"));
        }
        return new Caller(Principal.Credential.API_KEY, null, null, identity.getPrincipal().getName(),
                identity.getAttribute(ApiKeyIdentityProvider.ORGANIZATION),
                identity.getAttribute(ApiKeyIdentityProvider.PREFIX));
    }

    /** The caller a verified JWT names, or empty when its email identifies no one ({@link Emails#of}). */
    static Optional<Caller> of(JsonWebToken jwt) {
        return Emails.of(jwt).map(email -> new Caller(Principal.Credential.JWT, email, jwt.getClaim("name"), null, null,
                null));
    }
}
