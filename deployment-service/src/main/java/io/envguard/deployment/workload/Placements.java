package io.envguard.deployment.workload;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each model and chain lives, its organisation and team, as read before. Both are set when it is created and never
 * change, and ids are never reused: what is known here is never stale (a deleted one stays known, harmlessly: the read
 * beside the early question finds nothing and answers 404). It lets authz-service be asked about a change while the
 * model or chain is still being read.
 */
@ApplicationScoped
public class Placements {

    private static final int CAPACITY = 100_000;

    private record Placement(WorkloadKind kind, String organizationId, String teamId) {
    }

    private final ConcurrentHashMap<UUID, Placement> known = new ConcurrentHashMap<>();

    void remember(Workload workload) {
        if (known.containsKey(workload.id)) {
            return;
        }
        if (known.size() >= CAPACITY) {
            // Bounded by dropping everything: the next changes read before they ask, which is only slower.
            known.clear();
        }
        known.put(workload.id, new Placement(workload.kind, workload.organizationId, workload.teamId));
    }

    /** A detached model or chain holding only where it lives, or null when it has not been read yet. */
    Workload of(WorkloadKind kind, String id) {
        UUID uuid = WorkloadService.parseId(id);
        Placement placement = uuid == null ? null : known.get(uuid);
        if (placement == null || placement.kind() != kind) {
            return null;
        }
        Workload stub = new Workload();
        stub.id = uuid;
        stub.kind = placement.kind();
        stub.organizationId = placement.organizationId();
        stub.teamId = placement.teamId();
        return stub;
    }
}
