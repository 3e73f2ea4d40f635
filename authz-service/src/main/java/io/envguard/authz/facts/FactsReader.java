package io.envguard.authz.facts;

import io.smallrye.mutiny.Uni;

/** Reads what the access table knows about one organisation, at least as recent as this process has projected. */
public interface FactsReader {

    Uni<OrganizationFacts> read(String organizationId);

    /** What {@link #read} would answer at once from memory, without waiting or reading the table; else null. */
    OrganizationFacts currentNow(String organizationId);
}
