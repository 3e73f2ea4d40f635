package io.envguard.authz.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.envguard.authz.identity.Caller;
import io.envguard.authz.identity.CredentialAuthMechanism;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code POST /internal/v1/checks} answered on the event loop, before the security and REST layers, when nothing about
 * the check needs them: a plain JSON request, with a credential known in memory (a JWT this process has verified
 * before, or an API key whose owner is remembered: {@link CredentialAuthMechanism#knownNow}), that validates and that
 * {@link CheckService#checkNow} decides at once from the facts in memory. That is the check deployment-service sends
 * before every guarded change, over and over with the same credential; the layers' asynchronous steps around it cost
 * more than twice what deciding does.
 * <p>
 * Every other request goes on to {@link InternalCheckResource} as if this lane were not there, its body handed on
 * rather than read twice: a credential not verified or read yet, a body that does not parse or validate, a
 * check that must wait for a revision or read the table, or one that is refused. The lane only answers what the
 * resource would answer the same: one decision ({@link CheckService}), one validation ({@link
 * InternalCheckResource#request}), one JSON mapper. {@code envguard_check_fast_lane_total} counts its answers.
 */
@ApplicationScoped
class CheckFastLane {

    static final String PATH = "/internal/v1/checks";
    private static final String IDENTITY = CheckFastLane.class.getName() + ".identity";

    private final CredentialAuthMechanism credentials;
    private final CheckService checks;
    private final ObjectMapper json;
    private final long maxBodySize;
    private final BodyHandler bodies;
    private final Counter answered;

    CheckFastLane(CredentialAuthMechanism credentials, CheckService checks, ObjectMapper json, MeterRegistry registry,
                  @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.credentials = credentials;
        this.checks = checks;
        this.json = json;
        this.maxBodySize = maxBodySize.asLongValue();
        this.bodies = BodyHandler.create(false).setBodyLimit(this.maxBodySize);
        this.answered = Counter.builder("envguard.check.fast.lane")
                .description("Checks answered before the security and REST layers (all of them decided in memory)")
                .register(registry);
    }

    void register(@Observes Router router) {
        // Right after LoadShedding (Integer.MIN_VALUE + 1): a check it sheds is shed here too.
        router.post(PATH).order(Integer.MIN_VALUE + 2).handler(this::readIfEligible).handler(this::answerOrPass);
    }

    /** Reads the body of a check this lane may answer; any other request goes on unread. */
    private void readIfEligible(RoutingContext context) {
        HttpServerRequest request = context.request();
        SecurityIdentity identity = plain(request)
                ? credentials.knownNow(request.getHeader(HttpHeaders.AUTHORIZATION)) : null;
        if (identity == null) {
            context.next();
            return;
        }
        context.put(IDENTITY, identity);
        bodies.handle(context); // goes on to answerOrPass once the body is read
    }

    /**
     * No query, a JSON body of a declared length within the limit sent as is, a JSON answer accepted: what the resource
     * reads and writes without content negotiation of its own. (An empty or chunked body is left to the resource: the
     * body handler would hand an empty one on as none, and the resource would wait for it. An oversized one is the
     * resource's to refuse.)
     */
    private boolean plain(HttpServerRequest request) {
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        long length = declaredLength(request.getHeader(HttpHeaders.CONTENT_LENGTH));
        return request.query() == null
                && length > 0 && length <= maxBodySize
                && request.getHeader(HttpHeaders.CONTENT_ENCODING) == null
                && request.getHeader(HttpHeaders.EXPECT) == null
                && ("application/json".equalsIgnoreCase(contentType)
                        || "application/json; charset=utf-8".equalsIgnoreCase(contentType))
                && (accept == null || "application/json".equalsIgnoreCase(accept) || "*/*".equals(accept));
    }

    /** The Content-Length header's value, or -1 when it is missing or not a plain number. */
    private static long declaredLength(String header) {
        if (header == null || header.isEmpty() || header.length() > 18 || !header.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(header);
    }

    private void answerOrPass(RoutingContext context) {
        SecurityIdentity identity = context.get(IDENTITY);
        Decision decision = identity == null ? null : decide(identity, context.body().buffer());
        if (decision == null) {
            context.next();
            return;
        }
        byte[] answer;
        try {
            answer = json.writeValueAsBytes(decision);
        } catch (IOException e) {
            context.next();
            return;
        }
        answered.increment();
        context.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json;charset=UTF-8")
                .end(Buffer.buffer(answer));
    }

    /** The decision the resource would answer with 200, or null for anything else: the resource answers that. */
    private Decision decide(SecurityIdentity identity, Buffer body) {
        if (body == null || body.length() == 0) {
            return null;
        }
        try {
            InternalCheckResource.CheckBody check = json.readValue(body.getBytes(), InternalCheckResource.CheckBody.class);
            return check == null ? null : checks.checkNow(Caller.of(identity), InternalCheckResource.request(check));
        } catch (IOException | RuntimeException refusedOrUnreadable) {
            return null;
        }
    }
}
