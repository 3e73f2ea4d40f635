package io.envguard.environment.identity;

import io.envguard.edge.identity.Emails;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Resolves the request's credential to a {@link Caller}, once per request. */
@RequestScoped
public class CurrentCaller {

    private final SecurityIdentity identity;
    private final HttpServerRequest request;
    private final UserDirectory users;
    private Caller caller;

    CurrentCaller(SecurityIdentity identity, HttpServerRequest request, UserDirectory users) {
        this.identity = identity;
        this.request = request;
        this.users = users;
    }

    public Caller get() {
        if (caller == null) {
            caller = resolve();
        }
        return caller;
    }

    private Caller resolve() {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        String authorization = request.getHeader("Authorization");
        String prefix = identity.getAttribute(ApiKeyIdentityProvider.PREFIX_ATTRIBUTE);
        if (prefix != null) {
            User user = users.byId(identity.getPrincipal().getName())
                    .orElseThrow(AuthenticationFailedException::new);
            return new Caller(user.userId(), user.email(), user.name(), user.organizationId(), prefix, authorization);
        }
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            throw new AuthenticationFailedException();
        }
        String email = Emails.of(jwt).orElseThrow(AuthenticationFailedException::new);
        String name = jwt.getClaim("name");
        User user = users.findOrCreate(email, name);
        return new Caller(user.userId(), user.email(), user.name(), user.organizationId(), null, authorization);
    }
}
