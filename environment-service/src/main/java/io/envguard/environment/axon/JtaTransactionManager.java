package io.envguard.environment.axon;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * Axon's transactions on Narayana: joins the caller's JTA transaction when one is active (so that a command, its events
 * and the tables maintained with them commit together), otherwise begins and ends its own. {@code afterJoinedCommit}
 * runs once a joined transaction has committed.
 */
final class JtaTransactionManager implements TransactionManager {

    private static final Object AFTER_COMMIT_REGISTERED = JtaTransactionManager.class.getName() + ".afterCommit";

    private final jakarta.transaction.TransactionManager jta;
    private final TransactionSynchronizationRegistry synchronizations;
    private final Runnable afterJoinedCommit;

    JtaTransactionManager(jakarta.transaction.TransactionManager jta, TransactionSynchronizationRegistry synchronizations,
                          Runnable afterJoinedCommit) {
        this.jta = jta;
        this.synchronizations = synchronizations;
        this.afterJoinedCommit = afterJoinedCommit;
    }

    @Override
    public Transaction startTransaction() {
        try {
            if (jta.getStatus() != Status.STATUS_NO_TRANSACTION) {
                runAfterCommitOnce();
                return joined();
            }
            jta.begin();
            return owned();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start a transaction", e);
        }
    }

    /** Axon joins one JTA transaction several times (command, event appends, snapshot): one callback is enough. */
    private void runAfterCommitOnce() {
        if (synchronizations.getResource(AFTER_COMMIT_REGISTERED) != null) {
            return;
        }
        synchronizations.putResource(AFTER_COMMIT_REGISTERED, Boolean.TRUE);
        synchronizations.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    afterJoinedCommit.run();
                }
            }
        });
    }

    private Transaction joined() {
        return new Transaction() {
            @Override
            public void commit() {
                // the owner of the transaction commits it
            }

            @Override
            public void rollback() {
                try {
                    jta.setRollbackOnly();
                } catch (SystemException e) {
                    throw new IllegalStateException("cannot mark the transaction for rollback", e);
                }
            }
        };
    }

    private Transaction owned() {
        return new Transaction() {
            @Override
            public void commit() {
                try {
                    jta.commit();
                } catch (Exception e) {
                    throw new IllegalStateException("commit failed", e);
                }
            }

            @Override
            public void rollback() {
                try {
                    jta.rollback();
                } catch (SystemException e) {
                    throw new IllegalStateException("rollback failed", e);
                }
            }
        };
    }
}
