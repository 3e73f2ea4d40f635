package io.envguard.environment.consistency;

import jakarta.ws.rs.core.Response;

/** Answers to changes: the revision goes in the body (by the caller) and in the {@code Platform-Revision} header. */
public final class Revisions {

    public static final String HEADER = "Platform-Revision";

    private Revisions() {
    }

    public static Response ok(Object body, long revision) {
        return Response.ok(body).header(HEADER, revision).build();
    }

    public static Response created(Object body, long revision) {
        return Response.status(Response.Status.CREATED).entity(body).header(HEADER, revision).build();
    }
}
