package io.envguard.deployment.guard;

import io.envguard.deployment.authz.Action;
import io.envguard.deployment.authz.AnsweringGateway;
import io.envguard.deployment.authz.Caller;
import io.envguard.deployment.authz.CheckRequest;
import io.envguard.deployment.authz.CheckResult;
import io.envguard.deployment.authz.Principal;
import io.envguard.deployment.workload.Workload;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessGuardTest {

    private final List<CheckRequest> asked = new ArrayList<>();

    private final BiFunction<String, CheckRequest, Uni<CheckResult>> authz = (authorization, request) -> {
        asked.add(request);
        return Uni.createFrom().item(new CheckResult(true, "UNRESTRICTED", 9L, "u1"));
    };

    private final Caller caller = new Caller(new Principal("u1", "u1@example.com", "U", "org", "default", "MEMBER",
            List.of(), 4L, "JWT", null), "Bearer a.b.c", null);

    private static Change change(Action action, String environment) {
        Workload workload = new Workload();
        workload.organizationId = "org";
        workload.teamId = "team";
        return new Change(action, environment, workload, null, null);
    }

    private AccessGuard guard(boolean checkEnabled) {
        return new AccessGuard(AnsweringGateway.of(authz, authz), null, () -> checkEnabled);
    }

    @Test
    void aGuardedChangeIsAskedWithItsTeamEnvironmentActionAndThePrincipalsRevision() {
        CheckResult result = guard(true).decide(caller, change(Action.PROMOTE, "production")).await().indefinitely();
        assertTrue(result.allowed());
        assertEquals(List.of(new CheckRequest("org", "team", "production", Action.PROMOTE, 4L)), asked);
    }

    @Test
    void aRevisionTheCallerDemandsIsAskedThroughTheClientThatWaitsForIt() {
        List<CheckRequest> waited = new ArrayList<>();
        AccessGuard guard = new AccessGuard(AnsweringGateway.of(authz, (authorization, request) -> {
            waited.add(request);
            return Uni.createFrom().item(new CheckResult(true, "UNRESTRICTED", 40L, "u1"));
        }), null, () -> true);

        guard.decide(new Caller(caller.principal(), caller.authorization(), 40L), change(Action.PROMOTE, "production"))
                .await().indefinitely();
        assertEquals(List.of(new CheckRequest("org", "team", "production", Action.PROMOTE, 40L)), waited);
        assertTrue(asked.isEmpty());

        // A revision older than the principal's needs no wait: the principal's is asked, as without the header.
        guard.decide(new Caller(caller.principal(), caller.authorization(), 2L), change(Action.PROMOTE, "production"))
                .await().indefinitely();
        assertEquals(List.of(new CheckRequest("org", "team", "production", Action.PROMOTE, 4L)), asked);
        assertEquals(1, waited.size());
    }

    @Test
    void unguardedChangesAndChangesOutsideEnvironmentsNeedNoDecision() {
        List<CheckResult> decisions = guard(true).decideAll(caller,
                List.of(change(Action.CREATE_MODEL, null), change(Action.UPDATE_AUTOSCALING, null),
                        change(Action.UPDATE_AUTOSCALING, "staging"))).await().indefinitely();
        assertEquals(3, decisions.size());
        assertNull(decisions.get(0));
        assertNull(decisions.get(1));
        assertEquals(1, asked.size());
        assertEquals("staging", asked.get(0).environment());
    }

    @Test
    void withTheBenchmarkSwitchOffNothingIsAsked() {
        CheckResult result = guard(false).decide(caller, change(Action.PROMOTE, "production")).await().indefinitely();
        assertTrue(result.allowed());
        assertEquals("CHECK_DISABLED", result.reason());
        assertTrue(asked.isEmpty());
    }

    @Test
    void decisionsThatAllAllowArePassedOn() {
        List<Change> changes = List.of(change(Action.PROMOTE, "production"), change(Action.CREATE_MODEL, null));
        List<CheckResult> decisions = Arrays.asList(new CheckResult(true, "GRANTED", 3L, "u1"), null);
        assertEquals(decisions, guard(true).enforce(caller, changes, decisions).await().indefinitely());
    }

    @Test
    void everyGuardedActionIsOneAuthzKnows() {
        assertEquals(List.of("PROMOTE", "MANAGE_ENVIRONMENT", "UPDATE_AUTOSCALING", "UPDATE_DEPLOYMENT"),
                Arrays.stream(Action.values()).filter(Action::guarded).map(Action::name).toList());
    }
}
