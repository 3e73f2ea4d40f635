package io.envguard.deployment.workload;

import io.envguard.deployment.authz.Caller;
import io.envguard.edge.error.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Models and chains as every feature finds them: by id, only if the caller may see them (404 otherwise, so nothing
 * leaks), and where they live. Creating and listing them is {@code catalog.WorkloadCatalog}'s.
 */
@ApplicationScoped
public class WorkloadService {

    private final Placements placements;

    WorkloadService(Placements placements) {
        this.placements = placements;
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
     * The team of each of the models or chains named, by the id as named, that exists and the caller may see: the
     * others are left out, as {@link #visible} hides them.
     */
    public Uni<Map<String, String>> teamsOfVisible(Caller caller, WorkloadKind kind, Collection<String> ids) {
        Map<UUID, String> named = new HashMap<>();
        ids.forEach(id -> {
            UUID uuid = parseId(id);
            if (uuid != null) {
                named.put(uuid, id);
            }
        });
        if (named.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.withSession(() -> Workload.<Workload>list("id in ?1", List.copyOf(named.keySet()))).map(rows -> {
            Map<String, String> teams = new HashMap<>();
            for (Workload workload : rows) {
                if (workload.kind == kind && caller.principal().canSee(workload.organizationId, workload.teamId)) {
                    teams.put(named.get(workload.id), workload.teamId);
                }
            }
            return teams;
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
}
