package io.envguard.deployment.authz;

import io.smallrye.mutiny.Uni;

import java.util.function.BiFunction;

/** An {@link AuthzGateway} whose checks the test answers, for tests of the classes that ask it. */
public final class AnsweringGateway {

    private AnsweringGateway() {
    }

    /**
     * @param check      answers a check (authorization header, request)
     * @param atRevision answers a check at a revision the caller demands
     */
    public static AuthzGateway of(BiFunction<String, CheckRequest, Uni<CheckResult>> check,
                                  BiFunction<String, CheckRequest, Uni<CheckResult>> atRevision) {
        AuthzClient client = new AuthzClient() {
            @Override
            public Uni<Principal> principal(String authorization) {
                throw new AssertionError("not used");
            }

            @Override
            public Uni<CheckResult> check(String authorization, CheckRequest request) {
                return check.apply(authorization, request);
            }
        };
        return new AuthzGateway(client, atRevision::apply);
    }
}
