package io.envguard.deployment.authz;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.Optional;

/**
 * authz-service behind a time-out and a circuit breaker, so that a slow or dead authz-service answers quickly with a
 * failure (which callers turn into 503 AUTHZ_UNAVAILABLE) instead of piling up requests. The breaker closes again by
 * itself once authz-service answers. Only the principal lookup, a read, is tried a second time; a check guards a
 * write and is never retried: a late answer is worth less than a fast refusal.
 */
@ApplicationScoped
public class AuthzGateway {

    private final AuthzClient client;
    private final AuthzAtRevisionClient atRevision;

    AuthzGateway(@RestClient AuthzClient client, @RestClient AuthzAtRevisionClient atRevision) {
        this.client = client;
        this.atRevision = atRevision;
    }

    /** The caller's principal, or empty when authz-service rejects the credential (401). */
    @AsynchronousNonBlocking
    @Timeout(250)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 1000, successThreshold = 1)
    @Retry(maxRetries = 1, delay = 0, jitter = 0)
    public Uni<Optional<Principal>> principal(String authorization) {
        return client.principal(authorization)
                .map(Optional::ofNullable)
                .onFailure(AuthzGateway::isUnauthorized).recoverWithItem(Optional.empty());
    }

    @AsynchronousNonBlocking
    @Timeout(250)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 1000, successThreshold = 1)
    public Uni<CheckResult> check(String authorization, CheckRequest request) {
        return client.check(authorization, request);
    }

    /**
     * A check at a revision the caller demands ({@code Platform-Revision}), which authz-service may not have reached
     * yet: it waits for it up to its propagation time-out ({@code envguard.authz.max-wait}, 1 s) and answers 503 when it
     * is not reached, so this call waits a little longer than that. Its breaker is its own, and a revision not reached
     * is an answer, not a failure: a client demanding revisions that do not exist opens no breaker for anyone.
     */
    @AsynchronousNonBlocking
    @Timeout(1250)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 1000, successThreshold = 1,
            skipOn = RevisionNotReached.class)
    public Uni<CheckResult> checkAtRevision(String authorization, CheckRequest request) {
        return atRevision.check(authorization, request)
                .onFailure(AuthzGateway::isUnavailable).transform(RevisionNotReached::new);
    }

    /** authz-service answered 503: it has not reached the revision asked for within its time-out. */
    static final class RevisionNotReached extends RuntimeException {
        RevisionNotReached(Throwable answer) {
            super("the revision asked for was not reached in time", answer, false, false);
        }
    }

    /**
     * Continues on the request's Vert.x context: a time-out completes on a timer thread, and Hibernate Reactive only
     * accepts work on the context that opened the session.
     */
    public static <T> Uni<T> onContext(Uni<T> uni, Context context) {
        if (context == null) {
            return uni;
        }
        return uni.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    /** An unauthenticated principal lookup, answered 401 by a live authz-service; outside the breaker on purpose. */
    Uni<Void> warmUp() {
        return client.principal(null).replaceWithVoid()
                .onFailure(AuthzGateway::isUnauthorized).recoverWithNull();
    }

    private static boolean isUnauthorized(Throwable failure) {
        return failure instanceof WebApplicationException web && web.getResponse().getStatus() == 401;
    }

    private static boolean isUnavailable(Throwable failure) {
        return failure instanceof WebApplicationException web && web.getResponse().getStatus() == 503;
    }
}
