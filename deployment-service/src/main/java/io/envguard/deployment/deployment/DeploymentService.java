package io.envguard.deployment.deployment;

import io.envguard.deployment.authz.Action;
import io.envguard.deployment.authz.Caller;
import io.envguard.deployment.guard.Change;
import io.envguard.deployment.guard.Effect;
import io.envguard.deployment.guard.GuardedWrites;
import io.envguard.deployment.web.Timestamps;
import io.envguard.deployment.workload.Environment;
import io.envguard.deployment.workload.Workload;
import io.envguard.deployment.workload.WorkloadKind;
import io.envguard.deployment.workload.WorkloadService;
import io.envguard.edge.error.ApiException;
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

    /** Pushes a deployment; one pushed with a Baseten {@code source} takes its name from the source's payload. */
    public Uni<DeploymentView> create(Caller caller, WorkloadKind kind, String workloadId, CreateDeployment request) {
        CreateDeployment body = request == null ? new CreateDeployment(null, null, null, null, null)
                : request.source() != null ? request.source().archive("source").toCreate() : request;
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
        if (body.name() != null && !DeploymentSettings.isValidName(body.name())) {
            problems.put("name", DeploymentSettings.NAME_RULE);
        }
        if (body.instanceType() != null && !DeploymentSettings.isValidInstanceType(body.instanceType())) {
            problems.put("instance_type", DeploymentSettings.INSTANCE_TYPE_RULE);
        }
        AutoscalingSettings autoscaling = AutoscalingSettings.DEFAULTS.merge(body.autoscalingSettings());
        autoscaling.problems().forEach((field, problem) -> problems.put("autoscaling_settings." + field, problem));
        if (body.chainlets() != null) {
            if (kind != WorkloadKind.CHAIN) {
                problems.put("chainlets", "only chains have chainlets");
            } else if (body.chainlets().size() > MAX_CHAINLETS || !body.chainlets().stream().allMatch(Chainlet::isValidName)) {
                problems.put("chainlets", "at most " + MAX_CHAINLETS + " names, each " + Chainlet.NAME_RULE);
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
        return autoscaling;
    }

    /** The deployments of a model or chain, oldest first; only those of one name when {@code name} is given. */
    public Uni<List<DeploymentView>> list(Caller caller, WorkloadKind kind, String workloadId, String name) {
        return Panache.withSession(() -> workloads.visible(caller, kind, workloadId)
                .flatMap(workload -> (name == null
                        ? Deployment.<Deployment>list("workloadId = ?1 order by createdAt, id", workload.id)
                        : Deployment.<Deployment>list("workloadId = ?1 and name = ?2 order by createdAt, id", workload.id, name))
                        .flatMap(rows -> views(workload, rows))));
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
                            return rejectTakenName(workload, deployment, patch.name())
                                    .chain(() -> Environment.<Environment>list("workloadId", workload.id))
                                    .map(environments -> new Target(workload, deployment, environments));
                        }),
                target -> new Effect(target.workload(), action, null, action, Set.of(target.deployment().id),
                        target.environments(), target.deployment().id, patch),
                target -> {
                    rejectProblems(patch.applyTo(target.deployment(), autoscalingPrefix));
                    return Panache.flush().chain(() -> view(target.workload(), target.deployment()));
                });
    }

    /** 409 when another deployment of the model or chain already has the name asked for. */
    private static Uni<Void> rejectTakenName(Workload workload, Deployment deployment, String name) {
        if (name == null || name.equals(deployment.name)) {
            return Uni.createFrom().voidItem();
        }
        return Deployment.count("workloadId = ?1 and name = ?2 and id <> ?3", workload.id, name, deployment.id)
                .map(taken -> {
                    if (taken > 0) {
                        throw ApiException.conflict("a deployment named " + name + " already exists");
                    }
                    return null;
                });
    }

    private static void rejectProblems(Map<String, String> problems) {
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
    }

    /**
     * The deployment a path or body names: an id of this model or chain, or the alias {@code production} (its current
     * deployment there) or {@code development} (current in {@code development}, else the latest pushed).
     * Unknown → 404; a deployment of another model the caller can see → 400.
     */
    public Uni<Deployment> resolve(Caller caller, Workload workload, String reference, String field) {
        if (Environment.PRODUCTION.equals(reference) || Environment.DEVELOPMENT.equals(reference)) {
            return Environment.<Environment>list("workloadId", workload.id)
                    .flatMap(environments -> latestOf(workload).map(latest -> Environment.PRODUCTION.equals(reference)
                            ? currentIn(environments, Environment.PRODUCTION) : developmentOf(environments, latest)))
                    .flatMap(id -> id == null ? Uni.createFrom().<Deployment>nullItem() : Deployment.<Deployment>findById(id))
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
                .flatMap(environments -> viewsOf(workload, deployments, environments))
                .map(byId -> deployments.stream().map(deployment -> byId.get(deployment.id)).toList());
    }

    /** With the environments already read: views for deployments that may be current in them. */
    public Uni<Map<UUID, DeploymentView>> viewsById(Workload workload, List<UUID> ids, List<Environment> environments) {
        List<UUID> wanted = ids.stream().filter(id -> id != null).distinct().toList();
        if (wanted.isEmpty()) {
            return Uni.createFrom().item(new HashMap<>());
        }
        return Deployment.<Deployment>list("id in ?1", wanted)
                .flatMap(deployments -> viewsOf(workload, deployments, environments));
    }

    private Uni<Map<UUID, DeploymentView>> viewsOf(Workload workload, List<Deployment> deployments, List<Environment> environments) {
        return latestOf(workload).flatMap(latest -> chainletsOf(workload, deployments).map(chainlets -> {
            UUID production = currentIn(environments, Environment.PRODUCTION);
            UUID development = developmentOf(environments, latest);
            Map<UUID, DeploymentView> byId = new HashMap<>();
            deployments.forEach(deployment -> byId.put(deployment.id, DeploymentView.of(workload, deployment,
                    primaryEnvironment(environmentsServing(deployment.id, environments)),
                    deployment.id.equals(production), deployment.id.equals(development),
                    chainlets.getOrDefault(deployment.id, List.of()))));
            return byId;
        }));
    }

    /** The id of the deployment pushed last, or null when there is none. */
    private static Uni<UUID> latestOf(Workload workload) {
        return Deployment.<Deployment>find("workloadId = ?1 order by createdAt desc, id", workload.id).firstResult()
                .map(deployment -> deployment == null ? null : deployment.id);
    }

    /** The deployment current in the environment of that name, or null. */
    private static UUID currentIn(List<Environment> environments, String name) {
        return environments.stream().filter(environment -> environment.name.equals(name))
                .map(environment -> environment.currentDeploymentId).filter(id -> id != null).findFirst().orElse(null);
    }

    /**
     * The development deployment (the {@code development} alias, {@code is_development}): the one current in
     * {@code development}, else the one pushed last; null when there is none.
     */
    public static UUID developmentOf(List<Environment> environments, UUID latestPushed) {
        UUID current = currentIn(environments, Environment.DEVELOPMENT);
        return current != null ? current : latestPushed;
    }

    private static Uni<Map<UUID, List<Chainlet>>> chainletsOf(Workload workload, List<Deployment> deployments) {
        if (workload.kind != WorkloadKind.CHAIN) {
            return Uni.createFrom().item(Map.of());
        }
        List<UUID> ids = deployments.stream().map(deployment -> deployment.id).toList();
        return Chainlet.<Chainlet>list("key.deploymentId in ?1 order by key.name", ids)
                .map(chainlets -> chainlets.stream().collect(Collectors.groupingBy(chainlet -> chainlet.key.deploymentId())));
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
