package io.envguard.authz.operator;

import io.envguard.edge.error.ApiException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Who may run platform operations (rebuilding the access table): operators, never tenants. Creating an organisation
 * makes anyone its admin, so no organisation role counts here. An operator holds either the platform's operator token
 * ({@code Authorization: Operator <token>}, the token read from {@code envguard.operator.token-file}) or a JWT of the
 * identity provider whose groups hold {@code envguard.operator.role}.
 */
@ApplicationScoped
public class Operators implements IdentityProvider<OperatorAuthenticationRequest> {

    private static final Logger LOG = Logger.getLogger(Operators.class);
    /** Shorter tokens are guessable; bin/platform writes 43 characters (32 random bytes). */
    static final int MIN_TOKEN_LENGTH = 32;
    /** Marks an identity made from the operator token, which names no user and acts in no organisation. */
    static final String OPERATOR_TOKEN = "operator_token";

    private final Optional<Path> tokenFile;
    private final String role;

    public Operators(@ConfigProperty(name = "envguard.operator.token-file") Optional<Path> tokenFile,
                     @ConfigProperty(name = "envguard.operator.role") String role) {
        this.tokenFile = tokenFile;
        this.role = role;
    }

    /** Fails with 403 unless the identity is an operator's. */
    public void require(SecurityIdentity identity, String operation) {
        if (!identity.hasRole(role)) {
            throw ApiException.forbidden(operation + " is a platform operation: it needs an operator credential"
                    + " (the operator token, or a token of the identity provider with the role " + role + "),"
                    + " which no organisation role gives");
        }
    }

    public static boolean isOperatorToken(SecurityIdentity identity) {
        return identity.getAttribute(OPERATOR_TOKEN) != null;
    }

    @Override
    public Class<OperatorAuthenticationRequest> getRequestType() {
        return OperatorAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(OperatorAuthenticationRequest request, AuthenticationRequestContext context) {
        // Read at every use, off the event loop, so that a rotated token (a Secret updated in place) counts at once.
        return context.runBlocking(() -> {
            if (!matches(request.token())) {
                throw new AuthenticationFailedException("not the operator token");
            }
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal("operator"))
                    .addRole(role)
                    .addAttribute(OPERATOR_TOKEN, true)
                    .build();
        });
    }

    private boolean matches(String presented) {
        Optional<String> expected = token();
        // Compared as digests: equal lengths, and MessageDigest.isEqual takes the same time wherever they differ.
        return expected.isPresent() && MessageDigest.isEqual(sha256(expected.get()), sha256(presented));
    }

    private Optional<String> token() {
        if (tokenFile.isEmpty() || !Files.isRegularFile(tokenFile.get())) {
            return Optional.empty();
        }
        try {
            String token = Files.readString(tokenFile.get(), StandardCharsets.UTF_8).strip();
            if (token.length() < MIN_TOKEN_LENGTH) {
                LOG.warnf("the operator token in %s is shorter than %d characters: refused", tokenFile.get(),
                        MIN_TOKEN_LENGTH);
                return Optional.empty();
            }
            return Optional.of(token);
        } catch (IOException e) {
            LOG.warnf("cannot read the operator token file %s: %s", tokenFile.get(), e.toString());
            return Optional.empty();
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
