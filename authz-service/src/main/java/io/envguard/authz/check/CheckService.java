package io.envguard.authz.check;

import io.envguard.authz.error.ApiException;
import io.envguard.authz.identity.Caller;
import io.envguard.authz.identity.Principals;
import io.envguard.authz.projection.ProjectedRevisions;
import io.envguard.authz.projection.OrganizationPosition;
import io.envguard.authz.projection.PositionNotifications;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The check use case: wait until the access table has reached the revision the caller needs (bounded, then fail
 * closed), read the organisation's facts and let {@link AccessDecision} decide.
 */
@ApplicationScoped
public class CheckService {

    private final FactsReader facts;
    private final ProjectedRevisions revisions;
    private final PositionNotifications notifications;
    private final Duration maxWait;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Timer latency;
    private final Map<Reason, Counter> decisions = new EnumMap<>(Reason.class);

    public CheckService(FactsReader facts, ProjectedRevisions revisions, PositionNotifications notifications,
                        MeterRegistry registry,
                        @ConfigProperty(name = "envguard.authz.max-wait", defaultValue = "1s") Duration maxWait) {
        this.facts = facts;
        this.revisions = revisions;
        this.notifications = notifications;
        this.maxWait = maxWait;
        this.clock = Clock.systemUTC();
        this.registry = registry;
        this.latency = Timer.builder("envguard.check.latency")
                .description("Time to answer a check, waiting for min_revision included")
                .publishPercentiles(0.5, 0.99, 0.999)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(50_000))
                .maximumExpectedValue(Duration.ofSeconds(2))
                .register(registry);
        for (Reason reason : Reason.values()) {
            decisions.put(reason, registry.counter("envguard.decisions",
                    "outcome", reason.allows() ? "allowed" : "denied", "reason", reason.name()));
        }
    }

    /** Decides for the caller themselves. */
    public Uni<Decision> check(Caller caller, CheckRequest request) {
        return decide(request, f -> Principals.userIdIn(caller, f));
    }

    /** Decides for the given user: the dry run an admin makes for someone else. */
    public Uni<Decision> checkFor(String userId, CheckRequest request) {
        return decide(request, f -> userId);
    }

    private Uni<Decision> decide(CheckRequest request, Function<OrganizationFacts, String> subject) {
        long started = System.nanoTime();
        return reach(request.organizationId(), request.minRevision())
                .chain(() -> facts.read(request.organizationId()))
                .map(f -> {
                    String userId = subject.apply(f);
                    Reason reason = AccessDecision.decide(
                            f.question(userId, request.teamId(), request.environment(), request.action()), clock.instant());
                    decisions.get(reason).increment();
                    return new Decision(reason.allows(), reason, f.revision(), userId);
                })
                .onTermination().invoke(() -> latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
    }

    /** Completes once the organisation's projected revision is at least {@code minRevision}; fails with 503 after the bound. */
    public Uni<Long> reach(String organizationId, Long minRevision) {
        return reach(organizationId, minRevision == null ? 0 : minRevision, maxWait);
    }

    public Uni<Long> reach(String organizationId, long minRevision, Duration wait) {
        if (!notifications.isLive()) {
            // Commits of other replicas may have gone unheard: nothing known in memory can be trusted.
            registry.counter("envguard.check.unavailable").increment();
            return Uni.createFrom().failure(ApiException.unavailable(
                    "authz-service is reconnecting to the access table; try again shortly"));
        }
        if (minRevision <= 0 && revisions.current(organizationId) >= 0) {
            return Uni.createFrom().item(revisions.current(organizationId));
        }
        return revisions.await(organizationId, minRevision, wait, CheckService::storedRevision)
                .map(revision -> {
                    if (revision < minRevision) {
                        registry.counter("envguard.check.unavailable").increment();
                        throw ApiException.unavailable("the access table of organisation " + organizationId
                                + " is at revision " + revision + ", not yet " + minRevision);
                    }
                    return revision;
                });
    }

    /** Everyone the decision lets change the environment, for the who-has-access listing. */
    public Uni<AccessList> accessList(Caller caller, String organizationId, String teamId, String environment,
                                      Long minRevision) {
        return reach(organizationId, minRevision)
                .chain(() -> facts.read(organizationId))
                .map(f -> {
                    if (f.member(Principals.userIdIn(caller, f)) == null || !f.hasTeam(teamId)) {
                        throw ApiException.notFound("team " + teamId + " not found");
                    }
                    boolean restricted = f.groups().getOrDefault(
                            new OrganizationFacts.TeamEnvironment(teamId, environment), false);
                    List<AccessList.Entry> users = new ArrayList<>();
                    if (restricted) {
                        Instant now = clock.instant();
                        f.members().values().stream()
                                .sorted(Comparator.comparing(OrganizationFacts.Member::email))
                                .forEach(member -> {
                                    AccessQuestion question = f.question(member.userId(), teamId, environment, Action.PROMOTE);
                                    AccessList.Via via = switch (AccessDecision.decide(question, now)) {
                                        case ORG_ADMIN -> AccessList.Via.ORG_ADMIN;
                                        case TEAM_ADMIN -> AccessList.Via.TEAM_ADMIN;
                                        case GRANTED -> AccessList.Via.GRANT;
                                        default -> null;
                                    };
                                    if (via != null) {
                                        users.add(new AccessList.Entry(member.userId(), member.email(), member.name(), via,
                                                via == AccessList.Via.GRANT ? question.grant().expiresAt() : null));
                                    }
                                });
                    }
                    return new AccessList(teamId, environment, restricted, f.revision(), users);
                });
    }

    private static Uni<Long> storedRevision(String organizationId) {
        return Panache.withSession(() -> OrganizationPosition.<OrganizationPosition>findById(organizationId))
                .map(position -> position == null ? 0L : position.revision);
    }
}
