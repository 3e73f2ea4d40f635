package io.envguard.authz.identity;

import io.envguard.authz.projection.ApiKeyRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns an API key into the identity of its user, from the projected keys; a deleted or unknown key fails. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    static final String ORGANIZATION = "organization_id";
    static final String PREFIX = "api_key_prefix";

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        return Panache.withSession(() -> ApiKeyRow.<ApiKeyRow>findById(request.prefix()))
                .map(key -> {
                    if (key == null || key.deleted || !ApiKeys.matches(request.key(), key.secretSha256)) {
                        throw new AuthenticationFailedException("unknown or deleted API key");
                    }
                    return QuarkusSecurityIdentity.builder()
                            .setPrincipal(new QuarkusPrincipal(key.userId))
                            .addAttribute(ORGANIZATION, key.organizationId)
                            .addAttribute(PREFIX, key.prefix)
                            .build();
                });
    }
}
