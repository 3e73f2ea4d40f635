package io.envguard.authz.projection;

import io.envguard.authz.operator.Operators;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /internal/v1/organizations/{id}/repair}: rebuilds one organisation from the topic and clears its broken
 * mark (docs/operations.md). For operators only ({@link Operators}), like the rebuild of the whole table: a tenant's
 * admin could otherwise clear the mark that keeps their organisation's checks failing closed.
 */
@Path("/internal/v1/organizations/{organizationId}/repair")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class OrganizationRepairResource {

    private final OrganizationRepair repair;
    private final Operators operators;
    private final SecurityIdentity identity;

    public OrganizationRepairResource(OrganizationRepair repair, Operators operators, SecurityIdentity identity) {
        this.repair = repair;
        this.operators = operators;
        this.identity = identity;
    }

    /**
     * Blocking (a worker thread): it reads the whole topic. {@code at_least}: the organisation's revision in
     * environment-service, when the topic may not show its last event at all.
     */
    @POST
    public AccessProjection.Repaired repair(@PathParam("organizationId") String organizationId,
                                            @QueryParam("at_least") @DefaultValue("0") long atLeast) throws Throwable {
        operators.require(identity, "repairing an organisation");
        return repair.repair(organizationId, atLeast);
    }
}
