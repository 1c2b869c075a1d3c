package org.custodia.access;

import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditTrail;
import org.custodia.audit.AuditedAction;

/**
 * Writes an audited call's entry where it belongs. A succeeded action that runs in a transaction gets its entry in
 * that transaction, so that the entry commits with what the action did and rolls back with it; should the
 * transaction roll back, a failed entry follows in a transaction of its own, so the attempt stays audited. An action
 * outside a transaction that keeps its result in an inner one writes its entry there ({@link #writeSettled}). Every
 * other entry (refused, failed, or of an action outside a transaction) is written in a transaction of its own at
 * once.
 *
 * <p>What follows a rollback is written from the transaction's completion: if the database refuses it too, the
 * attempt is logged (SEVERE), not audited. A transaction whose outcome the transaction manager does not know (a
 * heuristic end) is audited as "not known to be completed", next to the entry that may have committed with it. An
 * action that returned normally in a transaction its caller then rolls back is audited as failed: what it did was
 * undone, even if its answer was used.
 */
public final class AuditEntries {

    private static final Logger LOG = Logger.getLogger(AuditEntries.class.getName());
    static final String ROLLED_BACK = "not completed: its transaction rolled back";

    private final AuditTrail audit;
    private final TransactionSynchronizationRegistry transactions;

    public AuditEntries(AuditTrail audit, TransactionSynchronizationRegistry transactions) {
        this.audit = audit;
        this.transactions = transactions;
    }

    /** Writes the entry of an action that ended with {@code outcome}, from the thread and transaction it ran in. */
    public void write(String actor, AuditedAction action, String subject, AuditOutcome outcome, String detail) {
        if (outcome == AuditOutcome.SUCCEEDED) {
            int status = transactions.getTransactionStatus();
            if (status == Status.STATUS_ACTIVE) {
                // registered first: if the entry's own insert fails, the rollback it causes is still audited
                transactions.registerInterposedSynchronization(new FailedIfRolledBack(actor, action, subject));
                audit.recordInCallersTransaction(actor, action, subject, outcome, detail);
                return;
            }
            if (status == Status.STATUS_MARKED_ROLLBACK) {
                audit.record(actor, action, subject, AuditOutcome.FAILED, ROLLED_BACK);
                return;
            }
        }
        audit.record(actor, action, subject, outcome, detail);
    }

    /**
     * Writes the entry in a transaction of its own at once, whatever transaction is under way: for an action whose
     * outcome no transaction of this node decides ({@link AuditedCall#succeededIrrevocably()}), and for any entry of an
     * action that wrote an intent ({@link AuditedCall#writeAhead}), which the entry replaces ({@code intent}, null
     * when none).
     */
    void writeNow(String actor, AuditedAction action, String subject, AuditOutcome outcome, String detail,
            UUID intent) {
        if (intent == null) {
            audit.record(actor, action, subject, outcome, detail);
        } else {
            audit.recordInPlaceOf(intent, actor, action, subject, outcome, detail);
        }
    }

    /**
     * Writes what an action is about to do, in a transaction of its own, before a step it cannot undo
     * ({@link AuditedCall#writeAhead}); returns the intent's id, which the action's entry replaces.
     */
    UUID writeIntent(String actor, AuditedAction action, String subject, String detail) {
        return audit.recordIntent(actor, action, subject, detail);
    }

    /**
     * Writes the succeeded entry of an action that settles its outcome in the transaction under way
     * ({@link AuditedCall#succeededInThisTransaction()}); {@code undone} is told what became of that transaction if
     * it ends in anything but a commit.
     *
     * @throws IllegalStateException if no transaction is active
     */
    void writeSettled(String actor, AuditedAction action, String subject, String detail, Consumer<String> undone) {
        int status = transactions.getTransactionStatus();
        if (status != Status.STATUS_ACTIVE) {
            throw new IllegalStateException("the entry of " + action.code() + " on " + subject + " cannot be written "
                    + "with the action's result: no transaction is active (status " + status + ")");
        }
        transactions.registerInterposedSynchronization(new UndoneUnlessCommitted(undone));
        audit.recordInCallersTransaction(actor, action, subject, AuditOutcome.SUCCEEDED, detail);
    }

    /** Tells a settled entry's call what became of its transaction if it ended in anything but a commit. */
    private record UndoneUnlessCommitted(Consumer<String> undone) implements Synchronization {

        @Override
        public void beforeCompletion() {
            // the entry is part of the transaction: nothing to add before it commits
        }

        @Override
        public void afterCompletion(int status) {
            if (status != Status.STATUS_COMMITTED) {
                undone.accept(notCompleted(status));
            }
        }
    }

    /** What became of a transaction that ended in {@code status} instead of committing. */
    private static String notCompleted(int status) {
        return status == Status.STATUS_ROLLEDBACK ? ROLLED_BACK
                : "not known to be completed: its transaction ended in status " + status;
    }

    /** Audits the attempt as failed once its transaction has ended in anything but a commit. */
    private final class FailedIfRolledBack implements Synchronization {

        private final String actor;
        private final AuditedAction action;
        private final String subject;

        FailedIfRolledBack(String actor, AuditedAction action, String subject) {
            this.actor = actor;
            this.action = action;
            this.subject = subject;
        }

        @Override
        public void beforeCompletion() {
            // the entry is part of the transaction: nothing to add before it commits
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                return;
            }
            String detail = notCompleted(status);
            try {
                audit.record(actor, action, subject, AuditOutcome.FAILED, detail);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, e, () -> "Could not audit action " + action.code() + " on " + subject
                        + " as failed after its transaction ended in status " + status
                        + " instead of committing; the database may be unavailable");
            }
        }
    }
}
