package io.envguard.environment.organization;

import io.envguard.environment.consistency.PropagationAwaiter;
import io.envguard.environment.error.DomainException;
import io.envguard.environment.identity.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Runs a command the way every change runs: in one transaction with whatever must commit with its events, retried when
 * another change of the same organisation won the race for the next revision, then confirmed by authz-service.
 */
@ApplicationScoped
public class OrganizationCommands {

    private static final int ATTEMPTS = 5;

    private final RunningAxon axon;
    private final PropagationAwaiter propagation;
    /**
     * One organisation's changes run one after another here, each until its transaction has committed, so that the
     * next one finds the committed organisation in memory rather than racing the previous commit for the next sequence
     * number. Another instance's changes still can race; the store's unique key and the retry settle those.
     */
    private final KeyedLocks organizations = new KeyedLocks();

    OrganizationCommands(RunningAxon axon, PropagationAwaiter propagation) {
        this.axon = axon;
        this.propagation = propagation;
    }

    /** Sends a change made by the caller and answers its revision once authz-service has it. */
    public long send(Caller caller, OrganizationCommand command) {
        return send(caller, command, () -> { }, false);
    }

    /**
     * @param alongside      work that must commit or fail with the command's events (e.g. claiming a user); runs
     *                       after the command, so the aggregate's rules are judged first
     * @param credentialEnds the change ends the caller's own credential or membership
     */
    public long send(Caller caller, OrganizationCommand command, Runnable alongside, boolean credentialEnds) {
        long revision = sendWithoutWaiting(command, alongside);
        propagation.await(command.organizationId(), revision, caller.authorization(), credentialEnds);
        return revision;
    }

    /** For changes nobody waits on (grant expiry). */
    public long sendWithoutWaiting(OrganizationCommand command, Runnable alongside) {
        for (int attempt = 1; ; attempt++) {
            try {
                return organizations.withLock(command.organizationId(), () -> QuarkusTransaction.requiringNew().call(() -> {
                    Object result = axon.commandGateway().sendAndWait(command);
                    alongside.run();
                    // every handler answers its revision, except creation, which Axon answers with the new id
                    return result instanceof Long revision ? revision : 1L;
                }));
            } catch (RuntimeException e) {
                RuntimeException cause = rootCause(e);
                if (!(cause instanceof ConcurrencyException) || attempt == ATTEMPTS) {
                    throw cause;
                }
            }
        }
    }

    /** The exception worth answering: a domain rule or a lost race, rather than the wrappers around it. */
    private static RuntimeException rootCause(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DomainException || t instanceof ConcurrencyException) {
                return (RuntimeException) t;
            }
        }
        return e;
    }
}
