package io.envguard.authz.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.envguard.authz.support.History;
import io.envguard.contract.event.EnvironmentCloudEvent;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The rebuild's fold, without Kafka or PostgreSQL: what it must hold whatever order its partitions are folded in. */
class AccessTableFoldTest {

    private static final String SOURCE = "/envguard/environment-service";

    @Test
    void aKeyPrefixClaimedByTwoOrganisationsStaysWithTheEarlierClaimWhicheverPartitionIsFoldedFirst() throws Exception {
        History owner = new History("org-owner");
        owner.add(owner.organizationCreated("u-owner-admin", "owner-admin@example.com"));
        owner.add(owner.memberAdded("u-owner", "owner@example.com", "MEMBER"));
        owner.add(owner.apiKeyCreated("pkshared", "u-owner", "ab".repeat(32)));
        // Made after the owner's key, as the live projection would read them.
        Thread.sleep(5);
        History intruder = new History("org-intruder");
        intruder.add(intruder.organizationCreated("u-intruder", "intruder@example.com"));
        intruder.add(intruder.apiKeyDeleted("pkshared", "u-owner"));
        intruder.add(intruder.apiKeyCreated("pkshared", "u-intruder", "cd".repeat(32)));

        for (List<History> order : List.of(List.of(owner, intruder), List.of(intruder, owner))) {
            ConcurrentHashMap<String, AccessTableFold.ApiKey> keys = new ConcurrentHashMap<>();
            ConcurrentHashMap<String, Instant> claims = new ConcurrentHashMap<>();
            for (History partition : order) {
                AccessTableFold fold = new AccessTableFold(keys, claims);
                for (String json : partition.events()) {
                    fold.apply(EnvironmentCloudEvent.parse(json, SOURCE));
                }
            }
            AccessTableFold.ApiKey key = keys.get("pkshared");
            String folded = "folded " + order.get(0).organizationId() + " first";
            assertEquals("org-owner", key.organizationId(), folded);
            assertEquals("u-owner", key.userId(), folded);
            assertEquals("ab".repeat(32), key.secretSha256(), folded);
            assertFalse(key.deleted(), folded);
        }
    }
}
