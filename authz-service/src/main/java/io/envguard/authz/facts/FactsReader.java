package io.envguard.authz.facts;

import io.smallrye.mutiny.Uni;

/** Reads what the access table knows about one organisation, at least as recent as this process has projected. */
public interface FactsReader {

    Uni<OrganizationFacts> read(String organizationId);
}
