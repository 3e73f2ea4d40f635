package io.envguard.deployment.environment;

import io.envguard.deployment.authz.Action;
import io.envguard.deployment.authz.Caller;
import io.envguard.deployment.deployment.AutoscalingSettings;
import io.envguard.deployment.deployment.AutoscalingUpdated;
import io.envguard.deployment.deployment.Chainlet;
import io.envguard.deployment.deployment.Deployment;
import io.envguard.deployment.deployment.DeploymentService;
import io.envguard.deployment.guard.Change;
import io.envguard.deployment.guard.Effect;
import io.envguard.deployment.guard.GuardedWrites;
import io.envguard.deployment.web.Timestamps;
import io.envguard.deployment.workload.Environment;
import io.envguard.deployment.workload.PromotionSettings;
import io.envguard.deployment.workload.Workload;
import io.envguard.deployment.workload.WorkloadKind;
import io.envguard.deployment.workload.WorkloadService;
import io.envguard.edge.error.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Environments of a model or chain. Creating, changing and deleting one is guarded by {@code MANAGE_ENVIRONMENT} on
 * its name; a change that scales its current deployment also by {@code UPDATE_AUTOSCALING} on every other environment
 * where that deployment is current ({@link io.envguard.deployment.guard.Effect}). {@code production} exists from the
 * start and cannot be deleted.
 */
@ApplicationScoped
public class EnvironmentService {

    /**
     * The audit details of a creation and a deletion say which it was ({@code MANAGE_ENVIRONMENT} covers both and an
     * update); an update's details are its request.
     */
    public static final String OPERATION = "operation";
    public static final String CREATE = "CREATE";
    public static final String DELETE = "DELETE";
    private static final Map<String, Object> DELETED = Map.of(OPERATION, DELETE);

    private final WorkloadService workloads;
    private final DeploymentService deployments;
    private final GuardedWrites writes;

    EnvironmentService(WorkloadService workloads, DeploymentService deployments, GuardedWrites writes) {
        this.workloads = workloads;
        this.deployments = deployments;
        this.writes = writes;
    }

    private record Target(Workload workload, Environment environment) {
    }

    /** An environment PATCH as read: its new promotion settings, and the deployment it scales with the new settings. */
    private record Update(Workload workload, Environment environment, List<Environment> environments,
                          PromotionSettings promotion, Deployment scaled, AutoscalingSettings autoscaling) {
    }

    /** A chainlet autoscaling change as read: the chainlets of the environment's current deployment and their new settings. */
    private record Scaling(Workload workload, Environment environment, List<Environment> environments,
                           Map<Chainlet, AutoscalingSettings> settings) {
    }

    /** The environment of that name, or 404. */
    public Uni<Environment> find(Workload workload, String name) {
        return Environment.<Environment>find("workloadId = ?1 and name = ?2", workload.id, name).firstResult()
                .map(environment -> {
                    if (environment == null) {
                        throw ApiException.notFound("environment " + name);
                    }
                    return environment;
                });
    }

    public Uni<List<EnvironmentView>> list(Caller caller, WorkloadKind kind, String workloadId) {
        return Panache.withSession(() -> workloads.visible(caller, kind, workloadId)
                .flatMap(workload -> Environment.<Environment>find("workloadId = ?1 order by name", workload.id).list()
                        .flatMap(all -> views(workload, all, all))));
    }

    public Uni<EnvironmentView> get(Caller caller, WorkloadKind kind, String workloadId, String name) {
        return Panache.withSession(() -> workloads.visible(caller, kind, workloadId)
                .flatMap(workload -> find(workload, name).flatMap(environment -> view(workload, environment))));
    }

    public Uni<EnvironmentView> create(Caller caller, WorkloadKind kind, String workloadId, EnvironmentRequest request) {
        if (request == null || !EnvironmentNames.isValid(request.name())) {
            throw ApiException.validation("name", "1–64 characters of a-z 0-9 - _, starting with a letter or digit");
        }
        PromotionSettings settings = validated(PromotionSettings.DEFAULTS.merge(request.promotionSettings()));
        String name = request.name();
        Map<String, Object> details = Map.of(OPERATION, CREATE, "promotion_settings", settings);
        return writes.<Workload, EnvironmentView>runAsking(caller, workloads.placement(kind, workloadId),
                () -> workloads.visible(caller, kind, workloadId),
                workload -> List.of(new Change(Action.MANAGE_ENVIRONMENT, name, workload, null, details)),
                workload -> Environment.count("workloadId = ?1 and name = ?2", workload.id, name)
                        .map(existing -> {
                            if (existing > 0) {
                                throw ApiException.conflict("environment " + name + " already exists");
                            }
                            return workload;
                        }),
                workload -> Effect.onEnvironment(workload, Action.MANAGE_ENVIRONMENT, name, null, details),
                workload -> {
                    Environment environment = new Environment();
                    environment.id = UUID.randomUUID();
                    environment.workloadId = workload.id;
                    environment.name = name;
                    environment.promotionSettings = settings;
                    environment.createdAt = Timestamps.now();
                    return environment.persist()
                            .call(Panache::flush)
                            .onFailure(EnvironmentService::isUniqueViolation)
                            .transform(failure -> ApiException.conflict("environment " + name + " already exists"))
                            .chain(() -> view(workload, environment));
                });
    }

    public Uni<EnvironmentUpdated> update(Caller caller, WorkloadKind kind, String workloadId, String name, EnvironmentRequest request) {
        if (request == null) {
            throw ApiException.badRequest("a JSON body is required");
        }
        if (request.name() != null && !request.name().equals(name)) {
            throw ApiException.validation("name", "an environment cannot be renamed");
        }
        if (request.promotionSettings() != null) {
            validated(PromotionSettings.DEFAULTS.merge(request.promotionSettings()));
        }
        return writes.<Update, EnvironmentUpdated>runAsking(caller, workloads.placement(kind, workloadId),
                () -> workloads.visible(caller, kind, workloadId),
                workload -> List.of(new Change(Action.MANAGE_ENVIRONMENT, name, workload, null, request)),
                workload -> Environment.<Environment>list("workloadId", workload.id).flatMap(all -> {
                    Environment environment = named(all, name);
                    PromotionSettings promotion = validated(environment.promotionSettings.merge(request.promotionSettings()));
                    if (request.autoscalingSettings() == null) {
                        return Uni.createFrom().item(new Update(workload, environment, all, promotion, null, null));
                    }
                    if (environment.currentDeploymentId == null) {
                        throw ApiException.validation("autoscaling_settings",
                                "environment " + name + " has no current deployment to scale");
                    }
                    return Deployment.<Deployment>findById(environment.currentDeploymentId).map(deployment -> new Update(
                            workload, environment, all, promotion, deployment,
                            rejectAutoscaling(deployment.autoscaling.merge(request.autoscalingSettings()))));
                }),
                // Autoscaling set through an environment scales its current deployment wherever that is current.
                target -> new Effect(target.workload(), Action.MANAGE_ENVIRONMENT, name, Action.UPDATE_AUTOSCALING,
                        target.scaled() == null ? Set.of() : Set.of(target.scaled().id), target.environments(),
                        target.environment().currentDeploymentId, request),
                target -> {
                    target.environment().promotionSettings = target.promotion();
                    if (target.scaled() != null) {
                        target.scaled().autoscaling = target.autoscaling();
                    }
                    return Panache.flush().chain(() -> view(target.workload(), target.environment()))
                            .map(updated -> EnvironmentUpdated.of(updated));
                });
    }

    /** Deletes an environment. {@code production} cannot be: a 409 said only of a model or chain the caller sees. */
    public Uni<EnvironmentTombstone> delete(Caller caller, WorkloadKind kind, String workloadId, String name) {
        return writes.<Target, EnvironmentTombstone>runAsking(caller, workloads.placement(kind, workloadId),
                () -> workloads.visible(caller, kind, workloadId),
                workload -> List.of(new Change(Action.MANAGE_ENVIRONMENT, name, workload, null, DELETED)),
                workload -> {
                    if (Environment.PRODUCTION.equals(name)) {
                        throw ApiException.conflict("the production environment cannot be deleted");
                    }
                    return find(workload, name).map(environment -> new Target(workload, environment));
                },
                target -> Effect.onEnvironment(target.workload(), Action.MANAGE_ENVIRONMENT, name,
                        target.environment().currentDeploymentId, DELETED),
                target -> target.environment().delete().map(deleted -> EnvironmentTombstone.of(target.workload(), name)));
    }

    /**
     * Chainlet autoscaling of the environment's current chain deployment — guarded by UPDATE_AUTOSCALING there and in
     * every other environment where that deployment is current.
     */
    public Uni<AutoscalingUpdated> updateChainletAutoscaling(Caller caller, String chainId, String name, ChainletAutoscalingUpdate request) {
        if (request == null || request.updates() == null || request.updates().isEmpty()) {
            throw ApiException.validation("updates", "at least one chainlet update is required");
        }
        for (int i = 0; i < request.updates().size(); i++) {
            ChainletAutoscalingUpdate.Update update = request.updates().get(i);
            if (update == null || update.chainletName() == null || update.autoscalingSettings() == null) {
                throw ApiException.validation("updates." + i, "needs chainlet_name and autoscaling_settings");
            }
        }
        return writes.<Scaling, AutoscalingUpdated>runAsking(caller, workloads.placement(WorkloadKind.CHAIN, chainId),
                () -> workloads.visible(caller, WorkloadKind.CHAIN, chainId),
                chain -> List.of(new Change(Action.UPDATE_AUTOSCALING, name, chain, null, request)),
                chain -> Environment.<Environment>list("workloadId", chain.id).flatMap(all -> {
                    Environment environment = named(all, name);
                    if (environment.currentDeploymentId == null) {
                        throw ApiException.validation("environment", "environment " + name + " has no current deployment");
                    }
                    return Chainlet.<Chainlet>list("key.deploymentId", environment.currentDeploymentId)
                            .map(chainlets -> new Scaling(chain, environment, all, scaled(chainlets, request)));
                }),
                // The chainlets belong to the current deployment: every environment it is current in is scaled.
                scaling -> new Effect(scaling.workload(), Action.UPDATE_AUTOSCALING, name, Action.UPDATE_AUTOSCALING,
                        Set.of(scaling.environment().currentDeploymentId), scaling.environments(),
                        scaling.environment().currentDeploymentId, request),
                scaling -> {
                    scaling.settings().forEach((chainlet, settings) -> chainlet.autoscaling = settings);
                    return Panache.flush()
                            .chain(() -> Deployment.<Deployment>findById(scaling.environment().currentDeploymentId))
                            .flatMap(deployment -> deployments.view(scaling.workload(), deployment))
                            .map(scaled -> AutoscalingUpdated.of(scaled));
                });
    }

    /** The new settings of each chainlet the updates name; 400 naming every update that is wrong. */
    private static Map<Chainlet, AutoscalingSettings> scaled(List<Chainlet> chainlets, ChainletAutoscalingUpdate request) {
        Map<String, String> problems = new LinkedHashMap<>();
        Map<Chainlet, AutoscalingSettings> settings = new LinkedHashMap<>();
        for (int i = 0; i < request.updates().size(); i++) {
            ChainletAutoscalingUpdate.Update update = request.updates().get(i);
            Chainlet chainlet = chainlets.stream().filter(c -> c.key.name().equals(update.chainletName())).findFirst().orElse(null);
            if (chainlet == null) {
                problems.put("updates." + i + ".chainlet_name", "no chainlet " + update.chainletName() + " in the current deployment");
                continue;
            }
            // Two updates of one chainlet apply one after the other.
            AutoscalingSettings merged = settings.getOrDefault(chainlet, chainlet.autoscaling).merge(update.autoscalingSettings());
            int index = i;
            merged.problems().forEach((field, problem) -> problems.put("updates." + index + ".autoscaling_settings." + field, problem));
            settings.put(chainlet, merged);
        }
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
        return settings;
    }

    /** The environment of that name among those read, or 404. */
    private static Environment named(List<Environment> environments, String name) {
        return environments.stream().filter(environment -> environment.name.equals(name)).findFirst()
                .orElseThrow(() -> ApiException.notFound("environment " + name));
    }

    public Uni<EnvironmentView> view(Workload workload, Environment environment) {
        return Environment.<Environment>list("workloadId", workload.id)
                .flatMap(all -> views(workload, List.of(environment), all))
                .map(views -> views.get(0));
    }

    private Uni<List<EnvironmentView>> views(Workload workload, List<Environment> rows, List<Environment> all) {
        List<UUID> ids = new ArrayList<>();
        rows.forEach(environment -> {
            ids.add(environment.currentDeploymentId);
            ids.add(environment.candidateDeploymentId);
        });
        return deployments.viewsById(workload, ids, all).map(byId -> rows.stream()
                .map(environment -> EnvironmentView.of(workload, environment, byId.get(environment.currentDeploymentId),
                        byId.get(environment.candidateDeploymentId)))
                .toList());
    }

    private static PromotionSettings validated(PromotionSettings settings) {
        Map<String, String> problems = settings.problems();
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
        return settings;
    }

    private static AutoscalingSettings rejectAutoscaling(AutoscalingSettings settings) {
        Map<String, String> problems = new LinkedHashMap<>();
        settings.problems().forEach((field, problem) -> problems.put("autoscaling_settings." + field, problem));
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
        return settings;
    }

    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains("23505")) {
                return true;
            }
        }
        return false;
    }
}
