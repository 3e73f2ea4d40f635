package io.envguard.environment.identity;

import io.envguard.edge.identity.Emails;
import io.envguard.environment.error.DomainException;
import io.envguard.environment.naming.Names;
import io.smallrye.jwt.build.Jwt;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.Set;

/** {@code POST /v1/auth/token}: an RS256 JWT for any email, signed with the platform's local key. */
@Path("/v1/auth/token")
@PermitAll
public class TokenResource {

    public record TokenRequest(String email, String name) {
    }

    public record TokenResponse(String token, Instant expiresAt) {
    }

    private final LocalIssuer issuer;
    private final UserDirectory users;
    private final String issuerName;
    private final Set<String> audiences;

    TokenResource(LocalIssuer issuer, UserDirectory users,
                  @ConfigProperty(name = "mp.jwt.verify.issuer") String issuerName,
                  @ConfigProperty(name = "mp.jwt.verify.audiences") Set<String> audiences) {
        this.issuer = issuer;
        this.users = users;
        this.issuerName = issuerName;
        this.audiences = audiences;
    }

    @POST
    public TokenResponse issue(TokenRequest request) {
        if (!issuer.enabled()) {
            throw DomainException.notFound("the local token issuer is disabled");
        }
        if (request == null) {
            throw DomainException.invalid("email", "is required");
        }
        String email = Emails.normalize(request.email())
                .orElseThrow(() -> DomainException.invalid("email", "must be a valid email address"));
        String name = request.name() == null || request.name().isBlank()
                ? email.substring(0, email.indexOf('@'))
                : Names.requireDisplayName("name", request.name());
        User user = users.findOrCreate(email, name);
        Instant expiresAt = Instant.now().plus(issuer.tokenTtl());
        String token = Jwt.issuer(issuerName)
                .audience(audiences)
                .subject(user.userId())
                .claim("email", email)
                .claim("name", name)
                .issuedAt(Instant.now())
                .expiresAt(expiresAt)
                .jws().keyId(issuer.keyId())
                .sign();
        return new TokenResponse(token, expiresAt);
    }
}
