package io.envguard.tools.baseline;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Answers like a permission check, without deciding anything: what the stack alone costs. On the event loop, as the
 * check is: a worker-thread hop would make the baseline slower than the stack has to be.
 */
@Path("/constant")
public class ConstantResource {

    private static final Answer ANSWER = new Answer(true, "CONSTANT", 0);

    @POST
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    public Answer answer(String ignoredBody) {
        return ANSWER;
    }

    public record Answer(boolean allowed, String reason, long revision) {
    }
}
