package io.envguard.deployment.workload;

import io.envguard.deployment.audit.Change;
import io.envguard.deployment.authz.Caller;
import io.envguard.deployment.authz.GuardedWrites;
import io.envguard.deployment.authz.Principal;
import io.envguard.deployment.environment.Environment;
import io.envguard.deployment.environment.PromotionSettings;
import io.envguard.deployment.error.ApiException;
import io.envguard.deployment.web.Page;
import io.envguard.deployment.web.Timestamps;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Models and chains: creation (with their {@code production} environment), listing, and who may see them. */
@ApplicationScoped
public class WorkloadService {

    static final int MAX_NAME_LENGTH = 256;

    private final GuardedWrites writes;
    private final Placements placements;

    WorkloadService(GuardedWrites writes, Placements placements) {
        this.writes = writes;
        this.placements = placements;
    }

    public Uni<WorkloadView> create(Caller caller, WorkloadKind kind, CreateWorkload request) {
        Principal principal = caller.principal();
        if (request == null || request.name() == null || request.name().isBlank() || request.name().length() > MAX_NAME_LENGTH) {
            throw ApiException.validation("name", "is required, 1–" + MAX_NAME_LENGTH + " characters");
        }
        if (principal.organizationId() == null) {
            throw ApiException.forbidden("the caller belongs to no organization");
        }
        String teamId = request.teamId() != null ? request.teamId() : principal.defaultTeamId();
        if (teamId == null || !principal.isInTeam(teamId)) {
            throw ApiException.notFound("team " + (teamId == null ? "(default)" : teamId));
        }
        Workload workload = new Workload();
        workload.id = UUID.randomUUID();
        workload.kind = kind;
        workload.organizationId = principal.organizationId();
        workload.teamId = teamId;
        workload.name = request.name().trim();
        workload.createdAt = Timestamps.now();

        Environment production = new Environment();
        production.id = UUID.randomUUID();
        production.workloadId = workload.id;
        production.name = Environment.PRODUCTION;
        production.promotionSettings = PromotionSettings.DEFAULTS;
        production.createdAt = workload.createdAt;

        return writes.<Workload, WorkloadView>run(caller,
                () -> Uni.createFrom().item(workload),
                created -> List.of(new Change(kind.createAction(), null, created, null, Map.of("name", created.name))),
                created -> created.persist().chain(production::persist).map(ignored -> WorkloadView.of(created)));
    }

    public Uni<Page<WorkloadView>> list(Caller caller, WorkloadKind kind, Page.Request page) {
        Principal principal = caller.principal();
        if (principal.organizationId() == null) {
            return Uni.createFrom().item(page.page(List.<Workload>of(), WorkloadView::of));
        }
        return Panache.withSession(() -> {
            if (principal.isOrgAdmin()) {
                return Workload.<Workload>find("kind = ?1 and organizationId = ?2 order by createdAt, id",
                        kind, principal.organizationId()).range(page.offset(), page.offset() + page.limit()).list();
            }
            return Workload.<Workload>find("kind = ?1 and organizationId = ?2 and teamId in ?3 order by createdAt, id",
                            kind, principal.organizationId(), teamsOf(principal))
                    .range(page.offset(), page.offset() + page.limit()).list();
        }).map(rows -> page.page(rows, WorkloadView::of));
    }

    public Uni<WorkloadView> get(Caller caller, WorkloadKind kind, String id) {
        return Panache.withSession(() -> visible(caller, kind, id)).map(WorkloadView::of);
    }

    /** The model or chain, if it exists and the caller may see it; 404 otherwise, so nothing leaks. */
    public Uni<Workload> visible(Caller caller, WorkloadKind kind, String id) {
        UUID uuid = parseId(id);
        if (uuid == null) {
            return Uni.createFrom().failure(ApiException.notFound(kind.noun() + " " + id));
        }
        return Workload.<Workload>findById(uuid).map(workload -> {
            if (workload != null) {
                placements.remember(workload);
            }
            if (workload == null || workload.kind != kind
                    || !caller.principal().canSee(workload.organizationId, workload.teamId)) {
                throw ApiException.notFound(kind.noun() + " " + id);
            }
            return workload;
        });
    }

    /**
     * Where the model or chain lives if it has been read before (see {@link Placements}), or null: enough to ask
     * authz-service about a change to it, not to show it to anyone.
     */
    public Workload placement(WorkloadKind kind, String id) {
        return placements.of(kind, id);
    }

    public static UUID parseId(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<String> teamsOf(Principal principal) {
        List<String> teams = new ArrayList<>();
        if (principal.defaultTeamId() != null) {
            teams.add(principal.defaultTeamId());
        }
        if (principal.teams() != null) {
            principal.teams().forEach(team -> teams.add(team.teamId()));
        }
        return teams;
    }
}
