package io.envguard.environment.identity;

import io.agroal.api.AgroalDataSource;
import io.envguard.edge.identity.ApiKeyAuthenticationRequest;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Checks an API key against the {@code api_keys} table (maintained in the transaction of the key's events, so a
 * deleted key fails from the moment its DELETE committed). The identity's principal is the key's user id.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    public static final String PREFIX_ATTRIBUTE = "envguard.api-key-prefix";

    private final AgroalDataSource dataSource;

    ApiKeyIdentityProvider(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        return context.runBlocking(() -> verify(request.key()));
    }

    private SecurityIdentity verify(String key) {
        String prefix = ApiKeys.prefixOf(key);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT user_id, secret_sha256 FROM api_keys WHERE prefix = ?")) {
            statement.setString(1, prefix);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next() || !MessageDigest.isEqual(
                        row.getString("secret_sha256").getBytes(StandardCharsets.US_ASCII),
                        ApiKeys.sha256(key).getBytes(StandardCharsets.US_ASCII))) {
                    throw new AuthenticationFailedException("unknown API key");
                }
                return QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(row.getString("user_id")))
                        .addAttribute(PREFIX_ATTRIBUTE, prefix)
                        .build();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
