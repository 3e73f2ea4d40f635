package io.envguard.tools.baseline;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Answers like a permission check, without deciding anything: what the stack alone costs. */
@Path("/constant")
public class ConstantResource {

    private static final Answer ANSWER = new Answer(true, "CONSTANT", 0);

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Answer answer(String ignoredBody) {
        return ANSWER;
    }

    public record Answer(boolean allowed, String reason, long revision) {
    }
}
