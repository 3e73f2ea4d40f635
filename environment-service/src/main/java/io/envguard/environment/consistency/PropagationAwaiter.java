package io.envguard.environment.consistency;

import io.envguard.edge.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.util.Map;

/**
 * Before a change is answered, waits until authz-service reports the organisation's revision at least at the change's,
 * so every guarded call that starts after the answer sees it. Without that confirmation the answer is 503.
 * <p>
 * The consistency mechanism end to end, from environment-service's side (docs/architecture.md, "Write side" and
 * "Replicas"):
 * <ol>
 *   <li>A command commits its events in the organisation's aggregate; the revision of an event is its aggregate
 *   sequence number + 1, per organisation, without gaps, and {@code organization.OrganizationCommands#send} answers
 *   the revision of the last event.</li>
 *   <li>The publisher sends the events to Kafka after the commit (at least once, in order per organisation); authz-service
 *   applies them and records the organisation's position.</li>
 *   <li>{@code OrganizationCommands#send} then calls {@link #await}: authz-service's
 *   {@code GET /internal/v1/organizations/{id}/revision?at_least=revision} ({@link AuthzRevisionApi}) answers once its
 *   projection has reached the revision and every replica that answers from memory has heard of it, within
 *   {@code envguard.consistency.propagation-timeout} ({@link Consistency}). A change that ends the caller's own
 *   credential is confirmed by authz-service refusing it.</li>
 *   <li>The answer carries the revision in the body and in the {@code Platform-Revision} header ({@link Revisions}).
 *   A client may hand it to deployment-service as {@code Platform-Revision}, to have its guarded changes decided at
 *   least at that revision.</li>
 * </ol>
 */
@ApplicationScoped
public class PropagationAwaiter {

    private static final Logger LOG = Logger.getLogger(PropagationAwaiter.class);

    private final AuthzRevisionApi authz;
    private final Consistency consistency;

    PropagationAwaiter(@RestClient AuthzRevisionApi authz, Consistency consistency) {
        this.authz = authz;
        this.consistency = consistency;
    }

    /**
     * @param credentialEnds the change ends the caller's own credential or membership (deleting the key in use, leaving
     *                       the organisation): authz-service refusing that credential then proves the change arrived
     */
    public void await(String organizationId, long revision, String authorization, boolean credentialEnds) {
        if (!consistency.awaitPropagation()) {
            return;
        }
        int status = statusOf(organizationId, revision, authorization);
        if (status == 200 || (credentialEnds && (status == 401 || status == 403 || status == 404))) {
            return;
        }
        throw new ApiException(503, "AUTHZ_UNAVAILABLE",
                "the change was recorded (revision " + revision + ") but authz-service has not confirmed it is "
                        + "effective yet; it will be once authz-service catches up",
                Map.of("revision", revision));
    }

    /** The status authz-service answered, or 0 when it could not be reached. */
    private int statusOf(String organizationId, long revision, String authorization) {
        try (Response response = authz.awaitRevision(organizationId, revision,
                consistency.propagationTimeout().toMillis(), authorization)) {
            return response.getStatus();
        } catch (WebApplicationException e) {
            LOG.warnf("authz-service answered %d for revision %d of %s", e.getResponse().getStatus(), revision,
                    organizationId);
            return e.getResponse().getStatus();
        } catch (RuntimeException e) {
            LOG.warnf("authz-service unreachable for revision %d of %s: %s", revision, organizationId, e.toString());
            return 0;
        }
    }
}
