package io.envguard.deployment.catalog;

import io.envguard.deployment.authz.Caller;
import io.envguard.deployment.authz.Principal;
import io.envguard.deployment.deployment.Deployment;
import io.envguard.deployment.deployment.DeploymentService;
import io.envguard.deployment.deployment.DeploymentSettings;
import io.envguard.deployment.guard.Change;
import io.envguard.deployment.guard.GuardedWrites;
import io.envguard.deployment.web.Timestamps;
import io.envguard.deployment.workload.Environment;
import io.envguard.deployment.workload.PromotionSettings;
import io.envguard.deployment.workload.Workload;
import io.envguard.deployment.workload.WorkloadKind;
import io.envguard.deployment.workload.WorkloadService;
import io.envguard.deployment.workload.WorkloadSummary;
import io.envguard.deployment.workload.WorkloadView;
import io.envguard.edge.error.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Models and chains: creation (with their {@code production} environment) and listing, with what they tell of their
 * environments and deployments. Finding one the caller may see is {@link WorkloadService}'s.
 */
@ApplicationScoped
public class WorkloadCatalog {

    static final int MAX_NAME_LENGTH = 256;

    private final GuardedWrites writes;
    private final WorkloadService workloads;

    WorkloadCatalog(GuardedWrites writes, WorkloadService workloads) {
        this.writes = writes;
        this.workloads = workloads;
    }

    /** Creates the model or chain with its {@code production} environment, in the team given or the caller's default team. */
    public Uni<WorkloadView> create(Caller caller, WorkloadKind kind, String requestedName, String requestedTeamId) {
        Principal principal = caller.principal();
        if (requestedName == null || requestedName.isBlank() || requestedName.length() > MAX_NAME_LENGTH) {
            throw ApiException.validation("name", "is required, 1–" + MAX_NAME_LENGTH + " characters");
        }
        if (principal.organizationId() == null) {
            throw ApiException.forbidden("the caller belongs to no organization");
        }
        String teamId = requestedTeamId != null ? requestedTeamId : principal.defaultTeamId();
        if (teamId == null || !principal.isInTeam(teamId)) {
            throw ApiException.notFound("team " + (teamId == null ? "(default)" : teamId));
        }
        Workload workload = new Workload();
        workload.id = UUID.randomUUID();
        workload.kind = kind;
        workload.organizationId = principal.organizationId();
        workload.teamId = teamId;
        workload.name = requestedName.trim();
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
                created -> created.persist().chain(production::persist)
                        .map(ignored -> WorkloadView.of(created, new WorkloadSummary(0, null, null,
                                DeploymentSettings.DEFAULT_INSTANCE_TYPE))));
    }

    /**
     * The models or chains the caller can see, oldest first; only those of one team when {@code teamId} is given (404
     * for a team the caller is not in), only those of one name when {@code name} is.
     */
    public Uni<List<WorkloadView>> list(Caller caller, WorkloadKind kind, String teamId, String name) {
        Principal principal = caller.principal();
        if (teamId != null && !principal.isOrgAdmin() && !principal.isInTeam(teamId)) {
            throw ApiException.notFound("team " + teamId);
        }
        if (principal.organizationId() == null) {
            return Uni.createFrom().item(List.of());
        }
        StringBuilder query = new StringBuilder("kind = :kind and organizationId = :organization");
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("kind", kind);
        parameters.put("organization", principal.organizationId());
        if (teamId != null) {
            query.append(" and teamId = :team");
            parameters.put("team", teamId);
        } else if (!principal.isOrgAdmin()) {
            query.append(" and teamId in :teams");
            parameters.put("teams", teamsOf(principal));
        }
        if (name != null) {
            query.append(" and name = :name");
            parameters.put("name", name);
        }
        query.append(" order by createdAt, id");
        return Panache.withSession(() -> Workload.<Workload>find(query.toString(), parameters).list().flatMap(this::views));
    }

    public Uni<WorkloadView> get(Caller caller, WorkloadKind kind, String id) {
        return Panache.withSession(() -> workloads.visible(caller, kind, id)
                .flatMap(workload -> views(List.of(workload))).map(views -> views.get(0)));
    }

    /** The views of models or chains, with what they tell of their deployments (two reads for all of them). */
    private Uni<List<WorkloadView>> views(List<Workload> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<UUID> ids = rows.stream().map(workload -> workload.id).toList();
        return Environment.<Environment>list("workloadId in ?1", ids)
                .flatMap(environments -> Deployment.<Deployment>list("workloadId in ?1 order by createdAt, id", ids)
                        .map(deployments -> rows.stream().map(workload -> WorkloadView.of(workload,
                                summary(workload, environments, deployments))).toList()));
    }

    private static WorkloadSummary summary(Workload workload, List<Environment> allEnvironments, List<Deployment> allDeployments) {
        List<Environment> environments = allEnvironments.stream().filter(e -> e.workloadId.equals(workload.id)).toList();
        List<Deployment> deployments = allDeployments.stream().filter(d -> d.workloadId.equals(workload.id)).toList();
        UUID production = environments.stream().filter(e -> Environment.PRODUCTION.equals(e.name))
                .map(e -> e.currentDeploymentId).filter(Objects::nonNull).findFirst().orElse(null);
        UUID latest = deployments.isEmpty() ? null : deployments.get(deployments.size() - 1).id;
        String instanceType = deployments.stream().filter(d -> d.id.equals(production)).map(d -> d.instanceType)
                .findFirst().orElse(DeploymentSettings.DEFAULT_INSTANCE_TYPE);
        return new WorkloadSummary(deployments.size(), production,
                DeploymentService.developmentOf(environments, latest), instanceType);
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
