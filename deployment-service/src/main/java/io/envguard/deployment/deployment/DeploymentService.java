package io.envguard.deployment.deployment;

import io.envguard.deployment.audit.Change;
import io.envguard.deployment.authz.Action;
import io.envguard.deployment.authz.Caller;
import io.envguard.deployment.authz.Effect;
import io.envguard.deployment.authz.GuardedWrites;
import io.envguard.deployment.environment.Environment;
import io.envguard.deployment.environment.EnvironmentNames;
import io.envguard.deployment.error.ApiException;
import io.envguard.deployment.web.Page;
import io.envguard.deployment.web.Timestamps;
import io.envguard.deployment.workload.Workload;
import io.envguard.deployment.workload.WorkloadKind;
import io.envguard.deployment.workload.WorkloadService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Deployments of models and chains: push, read, and their settings (guarded where they are current). */
@ApplicationScoped
public class DeploymentService {

    static final String DEFAULT_CHAINLET = "entrypoint";
    static final int MAX_CHAINLETS = 64;

    private final WorkloadService workloads;
    private final GuardedWrites writes;

    DeploymentService(WorkloadService workloads, GuardedWrites writes) {
        this.workloads = workloads;
        this.writes = writes;
    }

    private record Pushed(Workload workload, long existing) {
    }

    private record Target(Workload workload, Deployment deployment, List<Environment> environments) {
    }

    public Uni<DeploymentView> create(Caller caller, WorkloadKind kind, String workloadId, CreateDeployment request) {
        CreateDeployment body = request == null ? new CreateDeployment(null, null, null, null) : request;
        AutoscalingSettings autoscaling = validateNew(kind, body);
        List<String> chainlets = kind == WorkloadKind.CHAIN
                ? (body.chainlets() == null || body.chainlets().isEmpty() ? List.of(DEFAULT_CHAINLET)
                        : List.copyOf(new LinkedHashSet<>(body.chainlets())))
                : List.of();
        UUID id = UUID.randomUUID();
        return writes.<Pushed, DeploymentView>run(caller,
                () -> workloads.visible(caller, kind, workloadId)
                        .flatMap(workload -> Deployment.count("workloadId", workload.id).map(n -> new Pushed(workload, n))),
                pushed -> List.of(new Change(Action.CREATE_DEPLOYMENT, null, pushed.workload(), id, null)),
                pushed -> {
                    Deployment deployment = new Deployment();
                    deployment.id = id;
                    deployment.workloadId = pushed.workload().id;
                    deployment.name = body.name() != null ? body.name().trim() : "deployment-" + (pushed.existing() + 1);
                    deployment.status = DeploymentStatus.ACTIVE;
                    deployment.instanceType = body.instanceType() != null ? body.instanceType() : DeploymentSettings.DEFAULT_INSTANCE_TYPE;
                    deployment.autoscaling = autoscaling;
                    deployment.createdAt = Timestamps.now();
                    Uni<Void> saved = deployment.persist().replaceWithVoid();
                    for (String name : chainlets) {
                        Chainlet chainlet = new Chainlet();
                        chainlet.key = new Chainlet.Key(id, name);
                        chainlet.autoscaling = autoscaling;
                        saved = saved.call(chainlet::persist);
                    }
                    return saved.chain(() -> view(pushed.workload(), deployment));
                });
    }

    private static AutoscalingSettings validateNew(WorkloadKind kind, CreateDeployment body) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (body.name() != null && (body.name().isBlank() || body.name().length() > 256)) {
            problems.put("name", "must be 1–256 characters");
        }
        if (body.instanceType() != null && !DeploymentSettings.isValidInstanceType(body.instanceType())) {
            problems.put("instance_type", "must be 1–64 characters of A-Z a-z 0-9 : . _ -");
        }
        AutoscalingSettings autoscaling = AutoscalingSettings.DEFAULTS.merge(body.autoscalingSettings());
        autoscaling.problems().forEach((field, problem) -> problems.put("autoscaling_settings." + field, problem));
        if (body.chainlets() != null) {
            if (kind != WorkloadKind.CHAIN) {
                problems.put("chainlets", "only chains have chainlets");
            } else if (body.chainlets().size() > MAX_CHAINLETS || !body.chainlets().stream().allMatch(EnvironmentNames::isValid)) {
                problems.put("chainlets", "at most " + MAX_CHAINLETS + " names of a-z 0-9 - _");
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
        return autoscaling;
    }

    public Uni<Page<DeploymentView>> list(Caller caller, WorkloadKind kind, String workloadId, Page.Request page) {
        return Panache.withSession(() -> workloads.visible(caller, kind, workloadId)
                .flatMap(workload -> Deployment.<Deployment>find("workloadId = ?1 order by createdAt, id", workload.id)
                        .range(page.offset(), page.offset() + page.limit()).list()
                        .flatMap(rows -> views(workload, rows))
                        .map(views -> page.page(views, view -> view))));
    }

    public Uni<DeploymentView> get(Caller caller, WorkloadKind kind, String workloadId, String deploymentRef) {
        return Panache.withSession(() -> workloads.visible(caller, kind, workloadId)
                .flatMap(workload -> resolve(caller, workload, deploymentRef, "deployment_id")
                        .flatMap(deployment -> view(workload, deployment))));
    }

    /**
     * Changes a deployment's settings, checked with {@code action} against every environment where it is current or
     * is being promoted into.
     */
    public Uni<DeploymentView> update(Caller caller, WorkloadKind kind, String workloadId, String deploymentRef,
                                      DeploymentSettings patch, Action action) {
        if (patch == null) {
            throw ApiException.badRequest("a JSON body is required");
        }
        String autoscalingPrefix = action == Action.UPDATE_AUTOSCALING ? "" : "autoscaling_settings.";
        return writes.<Target, DeploymentView>runAsking(caller, workloads.placement(kind, workloadId),
                () -> workloads.visible(caller, kind, workloadId),
                // The production alias names the environment to ask about before the deployment is even read.
                workload -> Environment.PRODUCTION.equals(deploymentRef)
                        ? List.of(new Change(action, Environment.PRODUCTION, workload, null, patch))
                        : List.of(),
                workload -> resolve(caller, workload, deploymentRef, "deployment_id")
                        .flatMap(deployment -> {
                            // Validated on a copy: the read must not carry the change.
                            rejectProblems(patch.applyTo(deployment.copy(), autoscalingPrefix));
                            return Environment.<Environment>list("workloadId", workload.id)
                                    .map(environments -> new Target(workload, deployment, environments));
                        }),
                target -> new Effect(target.workload(), action, null, action, Set.of(target.deployment().id),
                        target.environments(), target.deployment().id, patch),
                target -> {
                    rejectProblems(patch.applyTo(target.deployment(), autoscalingPrefix));
                    return Panache.flush().chain(() -> view(target.workload(), target.deployment()));
                });
    }

    private static void rejectProblems(Map<String, String> problems) {
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
    }

    /** Logs of the deployment, from the stand-in runtime. */
    public Uni<Map<String, Object>> logs(Caller caller, WorkloadKind kind, String workloadId, String deploymentRef) {
        return get(caller, kind, workloadId, deploymentRef).map(RuntimeStandIn::logs);
    }

    /** Metrics of the deployment, from the stand-in runtime. */
    public Uni<Map<String, Object>> metrics(Caller caller, WorkloadKind kind, String workloadId, String deploymentRef) {
        return get(caller, kind, workloadId, deploymentRef).map(RuntimeStandIn::metrics);
    }

    /**
     * The deployment a path or body names: an id of this model or chain, or the alias {@code production} (its current
     * deployment there) or {@code development} (current in {@code development}, else the latest pushed).
     * Unknown → 404; a deployment of another model the caller can see → 400.
     */
    public Uni<Deployment> resolve(Caller caller, Workload workload, String reference, String field) {
        if (Environment.PRODUCTION.equals(reference) || Environment.DEVELOPMENT.equals(reference)) {
            return Environment.<Environment>find("workloadId = ?1 and name = ?2", workload.id, reference).firstResult()
                    .flatMap(environment -> {
                        if (environment != null && environment.currentDeploymentId != null) {
                            return Deployment.<Deployment>findById(environment.currentDeploymentId);
                        }
                        if (Environment.DEVELOPMENT.equals(reference)) {
                            return Deployment.<Deployment>find("workloadId = ?1 order by createdAt desc, id", workload.id).firstResult();
                        }
                        return Uni.createFrom().nullItem();
                    })
                    .map(deployment -> {
                        if (deployment == null) {
                            throw ApiException.notFound("no deployment is current in " + reference + "; deployment");
                        }
                        return deployment;
                    });
        }
        UUID id = WorkloadService.parseId(reference);
        if (id == null) {
            return Uni.createFrom().failure(ApiException.notFound("deployment " + reference));
        }
        return Deployment.<Deployment>findById(id).flatMap(deployment -> {
            if (deployment == null) {
                return Uni.createFrom().failure(ApiException.notFound("deployment " + reference));
            }
            if (deployment.workloadId.equals(workload.id)) {
                return Uni.createFrom().item(deployment);
            }
            return Workload.<Workload>findById(deployment.workloadId).map(owner -> {
                if (owner != null && caller.principal().canSee(owner.organizationId, owner.teamId)) {
                    throw ApiException.validation(field, "deployment " + reference + " belongs to another "
                            + owner.kind.noun() + ", not to " + workload.kind.noun() + " " + workload.id);
                }
                throw ApiException.notFound("deployment " + reference);
            });
        });
    }

    /** The deployment as the API shows it; reads the environments (and chainlets) it needs. */
    public Uni<DeploymentView> view(Workload workload, Deployment deployment) {
        return views(workload, List.of(deployment)).map(views -> views.get(0));
    }

    public Uni<List<DeploymentView>> views(Workload workload, List<Deployment> deployments) {
        if (deployments.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Environment.<Environment>list("workloadId", workload.id)
                .flatMap(environments -> chainletsOf(workload, deployments).map(chainlets -> deployments.stream()
                        .map(deployment -> DeploymentView.of(workload, deployment,
                                primaryEnvironment(environmentsServing(deployment.id, environments)),
                                chainlets.getOrDefault(deployment.id, List.of())))
                        .toList()));
    }

    /** With the environments already read: views for deployments that may be current in them. */
    public Uni<Map<UUID, DeploymentView>> viewsById(Workload workload, List<UUID> ids, List<Environment> environments) {
        List<UUID> wanted = ids.stream().filter(id -> id != null).distinct().toList();
        if (wanted.isEmpty()) {
            return Uni.createFrom().item(new HashMap<>());
        }
        return Deployment.<Deployment>list("id in ?1", wanted)
                .flatMap(deployments -> chainletsOf(workload, deployments).map(chainlets -> {
                    Map<UUID, DeploymentView> byId = new HashMap<>();
                    deployments.forEach(deployment -> byId.put(deployment.id, DeploymentView.of(workload, deployment,
                            primaryEnvironment(environmentsServing(deployment.id, environments)),
                            chainlets.getOrDefault(deployment.id, List.of()))));
                    return byId;
                }));
    }

    private static Uni<Map<UUID, List<ChainletView>>> chainletsOf(Workload workload, List<Deployment> deployments) {
        if (workload.kind != WorkloadKind.CHAIN) {
            return Uni.createFrom().item(Map.of());
        }
        List<UUID> ids = deployments.stream().map(deployment -> deployment.id).toList();
        return Chainlet.<Chainlet>list("key.deploymentId in ?1 order by key.name", ids)
                .map(chainlets -> chainlets.stream().collect(Collectors.groupingBy(chainlet -> chainlet.key.deploymentId(),
                        Collectors.mapping(Chainlet::view, Collectors.toList()))));
    }

    /** The names of the environments the deployment is current in, sorted. */
    public static List<String> environmentsServing(UUID deploymentId, List<Environment> environments) {
        List<String> names = new ArrayList<>();
        for (Environment environment : environments) {
            if (deploymentId.equals(environment.currentDeploymentId)) {
                names.add(environment.name);
            }
        }
        names.sort(Comparator.naturalOrder());
        return names;
    }

    /** The one environment a deployment shows: production when it serves it, else the first by name. */
    static String primaryEnvironment(List<String> serving) {
        if (serving.isEmpty()) {
            return null;
        }
        return serving.contains(Environment.PRODUCTION) ? Environment.PRODUCTION : serving.get(0);
    }
}
