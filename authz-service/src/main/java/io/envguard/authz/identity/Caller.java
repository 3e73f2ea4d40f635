package io.envguard.authz.identity;

import io.envguard.authz.operator.Operators;
import io.envguard.edge.error.ApiException;
import io.envguard.edge.identity.Emails;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The authenticated credential, before it is looked up in an organisation: an API key names its user and organisation,
 * a JWT only an email.
 */
public record Caller(Principal.Credential credential, String email, String name, String userId, String organizationId,
                     String apiKeyPrefix) {

    public static Caller of(SecurityIdentity identity) {
        if (Operators.isOperatorToken(identity)) {
            // Platform operations only: the token is nobody's, so it may not act as anyone in an organisation.
            throw ApiException.unauthenticated("the operator token is for platform operations only");
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            return new Caller(Principal.Credential.JWT, Emails.of(jwt).orElseThrow(
                    () -> ApiException.unauthenticated("the token's email is not a verified plain address")),
                    jwt.getClaim("name"), null, null, null);
        }
        return new Caller(Principal.Credential.API_KEY, null, null, identity.getPrincipal().getName(),
                identity.getAttribute(ApiKeyIdentityProvider.ORGANIZATION),
                identity.getAttribute(ApiKeyIdentityProvider.PREFIX));
    }
}
