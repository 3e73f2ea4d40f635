package io.envguard.authz.check;

import static io.envguard.authz.support.Platform.bearer;
import static io.restassured.RestAssured.given;
import static io.envguard.authz.support.Platform.jwt;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envguard.authz.support.AuthzTestResources;
import io.envguard.authz.support.History;
import io.envguard.authz.support.Platform;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The issue-2 flow on the real broker and database: events in, checks out, through the internal API. */
@QuarkusTest
@WithTestResource(value = AuthzTestResources.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RestrictedEnvironmentFlowTest {

    @Inject
    Platform platform;

    private History org;
    private String admin;
    private String granted;
    private String other;
    private String team;

    @BeforeEach
    void anOrganisationWithRestrictedProductionAndOneGrant() {
        String id = UUID.randomUUID().toString();
        org = new History("org-" + id);
        admin = "admin-" + id + "@example.com";
        granted = "granted-" + id + "@example.com";
        other = "other-" + id + "@example.com";
        team = org.defaultTeamId();
        platform.appendAndAwait(org,
                org.organizationCreated("u-admin-" + id, admin),
                org.memberAdded("u-granted-" + id, granted.toUpperCase(), "MEMBER"),
                org.memberAdded("u-other-" + id, other, "MEMBER"));
    }

    @Test
    void beforeTheRestrictionEveryMemberMayPromote() {
        platform.promote(other, org, team, "production").statusCode(200)
                .body("allowed", equalTo(true)).body("reason", equalTo("UNRESTRICTED"))
                .body("revision", equalTo((int) org.revision())).body("user_id", equalTo("u-other-" + suffix()));
    }

    @Test
    void afterTheRestrictionOnlyTheGrantedMemberAndTheAdminMayPromote() {
        restrictProductionAndGrant();
        platform.promote(granted, org, team, "production").statusCode(200)
                .body("allowed", equalTo(true)).body("reason", equalTo("GRANTED"));
        platform.promote(admin, org, team, "production").statusCode(200)
                .body("allowed", equalTo(true)).body("reason", equalTo("ORG_ADMIN"));
        platform.promote(other, org, team, "production").statusCode(200)
                .body("allowed", equalTo(false)).body("reason", equalTo("NOT_GRANTED"));
        platform.promote(other, org, team, "development").statusCode(200)
                .body("allowed", equalTo(true)).body("reason", equalTo("UNRESTRICTED"));
    }

    @Test
    void everyGuardedActionIsGuardedAlike() {
        restrictProductionAndGrant();
        for (String action : new String[] {"PROMOTE", "MANAGE_ENVIRONMENT", "UPDATE_AUTOSCALING", "UPDATE_DEPLOYMENT"}) {
            platform.check(bearer(jwt(other)), org, team, "production", action, null).statusCode(200)
                    .body("allowed", equalTo(false));
            platform.check(bearer(jwt(granted)), org, team, "production", action, null).statusCode(200)
                    .body("allowed", equalTo(true));
        }
    }

    @Test
    void aRedeliveredOrReplayedEventChangesNothing() {
        restrictProductionAndGrant();
        long before = org.revision();
        // The whole history again, as after a publisher restart: every event is a duplicate.
        platform.publish(org, org.events().toArray(String[]::new));
        // And a different event claiming an old revision: environment-service never does that, so it is a duplicate too.
        History forged = new History(org.organizationId());
        forged.add(forged.organizationCreated("u-forged", "forged@example.com"));
        String unrestrictAtOldRevision = forged.unrestricted(team, "production");
        platform.publish(org, unrestrictAtOldRevision);
        platform.appendAndAwait(org, org.memberAdded("u-late-" + suffix(), "late-" + suffix() + "@example.com", "MEMBER"));
        platform.promote(other, org, team, "production").statusCode(200)
                .body("reason", equalTo("NOT_GRANTED")).body("revision", equalTo((int) before + 1));
        platform.promote(granted, org, team, "production").statusCode(200).body("reason", equalTo("GRANTED"));
    }

    @Test
    void anEventAfterAGapIsHeldUntilTheMissingRevisionArrives() {
        long before = org.revision();
        String restrict = org.add(org.restricted(team, "production"));
        String grant = org.add(org.granted(team, "production", "u-granted-" + suffix(), null));
        platform.publish(org, grant);
        platform.promote(granted, org, team, "production", before + 2).statusCode(503)
                .body("code", equalTo("AUTHZ_UNAVAILABLE"));
        platform.promote(other, org, team, "production").statusCode(200)
                .body("reason", equalTo("UNRESTRICTED")).body("revision", equalTo((int) before));
        platform.publish(org, restrict);
        platform.awaitRevision(org, before + 2);
        platform.promote(granted, org, team, "production", before + 2).statusCode(200)
                .body("reason", equalTo("GRANTED")).body("revision", equalTo((int) before + 2));
        platform.promote(other, org, team, "production").statusCode(200).body("reason", equalTo("NOT_GRANTED"));
    }

    @Test
    void aCheckWithMinRevisionWaitsForTheProjection() throws Exception {
        long target = org.revision() + 1;
        Thread publisher = new Thread(() -> {
            sleep(300);
            platform.append(org, org.restricted(team, "production"));
        });
        publisher.start();
        platform.promote(other, org, team, "production", target).statusCode(200)
                .body("reason", equalTo("NOT_GRANTED")).body("revision", greaterThanOrEqualTo((int) target));
        publisher.join();
    }

    @Test
    void aCheckWithAMinRevisionNeverReachedFailsClosedAfterTheBound() {
        long started = System.nanoTime();
        platform.promote(admin, org, team, "production", org.revision() + 5).statusCode(503)
                .body("code", equalTo("AUTHZ_UNAVAILABLE"));
        long waitedMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(waitedMs >= 900 && waitedMs < 5_000, "waited " + waitedMs + " ms");
    }

    @Test
    void theRevisionEndpointAnswersOnceReachedAndOtherwiseFailsClosed() {
        given().header("Authorization", bearer(jwt(other)))
                .queryParam("at_least", org.revision()).queryParam("wait_ms", 0)
                .get("/internal/v1/organizations/{id}/revision", org.organizationId())
                .then().statusCode(200).body("revision", equalTo((int) org.revision()));
        given().header("Authorization", bearer(jwt(other)))
                .queryParam("at_least", org.revision() + 1).queryParam("wait_ms", 200)
                .get("/internal/v1/organizations/{id}/revision", org.organizationId())
                .then().statusCode(503).body("code", equalTo("AUTHZ_UNAVAILABLE"));
    }

    @Test
    void anExpiredGrantDeniesWithGrantExpired() {
        String user = "u-granted-" + suffix();
        // Long enough for the grant to be projected and checked before it ends, even on a loaded machine.
        Instant end = Instant.now().plusSeconds(3);
        platform.appendAndAwait(org, org.restricted(team, "production"), org.granted(team, "production", user, end));
        platform.promote(granted, org, team, "production").statusCode(200).body("reason", equalTo("GRANTED"));
        sleep(Math.max(0, Duration.between(Instant.now(), end).toMillis()) + 100);
        // Past its end, before environment-service has published GrantExpired: already expired.
        platform.promote(granted, org, team, "production").statusCode(200).body("reason", equalTo("GRANT_EXPIRED"));
        platform.appendAndAwait(org, org.grantExpired(team, "production", user, Instant.now()));
        platform.promote(granted, org, team, "production").statusCode(200)
                .body("allowed", equalTo(false)).body("reason", equalTo("GRANT_EXPIRED"));
    }

    @Test
    void aDemotedAdminIsDeniedWithAdminDemoted() {
        platform.appendAndAwait(org, org.restricted(team, "production"),
                org.memberRoleChanged("u-admin-" + suffix(), "MEMBER", "ADMIN"));
        platform.promote(admin, org, team, "production").statusCode(200)
                .body("allowed", equalTo(false)).body("reason", equalTo("ADMIN_DEMOTED"));
    }

    @Test
    void teamsDecideWhoIsInAndTeamAdminsMayChangeRestrictedEnvironments() {
        String ml = "team-ml-" + suffix();
        platform.appendAndAwait(org, org.teamCreated(ml), org.restricted(ml, "production"),
                org.teamMemberAdded(ml, "u-granted-" + suffix(), "ADMIN"));
        platform.promote(granted, org, ml, "production").statusCode(200).body("reason", equalTo("TEAM_ADMIN"));
        platform.promote(other, org, ml, "production").statusCode(200).body("reason", equalTo("NOT_IN_TEAM"));
        platform.promote(admin, org, ml, "production").statusCode(200).body("reason", equalTo("ORG_ADMIN"));
        platform.appendAndAwait(org, org.teamMemberRemoved(ml, "u-granted-" + suffix()));
        platform.promote(granted, org, ml, "production").statusCode(200).body("reason", equalTo("NOT_IN_TEAM"));
    }

    @Test
    void aRemovedMemberLosesTheirGrantAndTheirMembership() {
        restrictProductionAndGrant();
        platform.appendAndAwait(org, org.memberRemoved("u-granted-" + suffix()));
        platform.promote(granted, org, team, "production").statusCode(200)
                .body("allowed", equalTo(false)).body("reason", equalTo("NOT_A_MEMBER")).body("user_id", nullValue());
        platform.appendAndAwait(org, org.memberAdded("u-granted-" + suffix(), granted, "MEMBER"));
        platform.promote(granted, org, team, "production").statusCode(200).body("reason", equalTo("NOT_GRANTED"));
    }

    @Test
    void unrestrictingEndsTheRestrictionAndRestrictingAgainStartsWithoutGrants() {
        restrictProductionAndGrant();
        platform.appendAndAwait(org, org.revoked(team, "production", "u-granted-" + suffix()),
                org.unrestricted(team, "production"));
        platform.promote(other, org, team, "production").statusCode(200).body("reason", equalTo("UNRESTRICTED"));
        platform.appendAndAwait(org, org.restricted(team, "production"));
        platform.promote(granted, org, team, "production").statusCode(200).body("reason", equalTo("NOT_GRANTED"));
    }

    @Test
    void anEnvironmentGroupCreatedRestrictedIsRestrictedAndUnknownEventTypesAreSkipped() {
        platform.appendAndAwait(org, org.somethingNew(), org.groupCreated(team, "staging", true));
        platform.promote(other, org, team, "staging").statusCode(200).body("reason", equalTo("NOT_GRANTED"));
        platform.promote(other, org, team, "no-group-yet").statusCode(200).body("reason", equalTo("UNRESTRICTED"));
    }

    @Test
    void aUserOfNoOrganisationIsNotAMember() {
        platform.promote("stranger-" + suffix() + "@example.com", org, team, "production").statusCode(200)
                .body("allowed", equalTo(false)).body("reason", equalTo("NOT_A_MEMBER"));
    }

    @Test
    void aCheckWithoutAnActionIsRejectedNamingTheField() {
        platform.check(bearer(jwt(admin)), org, team, "production", "DELETE_EVERYTHING", null).statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("fields.action", notNullValue());
    }

    private void restrictProductionAndGrant() {
        platform.appendAndAwait(org, org.restricted(team, "production"),
                org.granted(team, "production", "u-granted-" + suffix(), null));
    }

    private String suffix() {
        return org.organizationId().substring("org-".length());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
