package io.envguard.deployment.authz;

import io.envguard.deployment.consistency.RevisionHeader;
import io.envguard.deployment.error.ErrorMappers;
import io.envguard.edge.error.ApiException;
import io.envguard.edge.identity.Emails;
import io.envguard.edge.identity.VerifiedTokens;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every API request before anything else runs: a JWT is verified here (signature, issuer, audience,
 * expiry); then authz-service resolves the credential, JWT or API key, to the principal.
 */
public class AuthenticationFilter {

    private static final Logger LOG = Logger.getLogger(AuthenticationFilter.class);

    /** Honest credentials are well under 2 KB; anything this large is refused before it is parsed. */
    static final int MAX_CREDENTIAL_LENGTH = 8 * 1024;

    private final JWTParser jwtParser;
    private final VerifiedTokens verifiedTokens;
    private final AuthzGateway gateway;
    private final CallerContext callerContext;

    AuthenticationFilter(JWTParser jwtParser, VerifiedTokens verifiedTokens, AuthzGateway gateway,
                         CallerContext callerContext) {
        this.jwtParser = jwtParser;
        this.verifiedTokens = verifiedTokens;
        this.gateway = gateway;
        this.callerContext = callerContext;
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION)
    public Uni<Response> authenticate(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Credential credential = Credential.parse(authorization);
        if (credential == null) {
            return reject(ApiException.unauthenticated("a valid 'Authorization: Bearer <credential>' or 'Api-Key <key>' header is required"));
        }
        if (credential.value().length() > MAX_CREDENTIAL_LENGTH) {
            return reject(ApiException.unauthenticated("the credential is too large"));
        }
        if (credential.isJwt() && !isValidJwt(credential.value())) {
            return reject(ApiException.unauthenticated("the token is invalid or expired, or its email is not verified"));
        }
        String revision = request.getHeaderString(RevisionHeader.HEADER);
        return AuthzGateway.onContext(gateway.principal(authorization), Vertx.currentContext())
                .map(principal -> {
                    if (principal.isEmpty()) {
                        return ErrorMappers.toResponse(ApiException.unauthenticated("the credential is invalid or revoked"));
                    }
                    // Read once the caller is known: 401 comes before anything else.
                    Long demanded;
                    try {
                        demanded = RevisionHeader.demanded(revision);
                    } catch (ApiException malformed) {
                        return ErrorMappers.toResponse(malformed);
                    }
                    callerContext.set(new Caller(principal.get(), authorization, demanded));
                    return (Response) null;
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("authz-service could not resolve the principal: %s", failure.toString());
                    return ErrorMappers.toResponse(ApiException.authzUnavailable("the caller could not be identified; authz-service is unavailable"));
                });
    }

    /**
     * Signature, key id, issuer, audience, expiry, not-before and the required claims, as configured; and an email
     * that identifies someone ({@link Emails#of}).
     */
    private boolean isValidJwt(String token) {
        if (verifiedTokens.isVerified(token)) {
            return true;
        }
        try {
            JsonWebToken jwt = jwtParser.parse(token);
            if (Emails.of(jwt).isEmpty()) {
                LOG.debug("rejected JWT: its email is not a verified plain address");
                return false;
            }
            verifiedTokens.remember(token, jwt.getExpirationTime());
            return true;
        } catch (ParseException e) {
            LOG.debugf("rejected JWT: %s", e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            return false;
        }
    }

    private static Uni<Response> reject(ApiException e) {
        return Uni.createFrom().item(ErrorMappers.toResponse(e));
    }
}
