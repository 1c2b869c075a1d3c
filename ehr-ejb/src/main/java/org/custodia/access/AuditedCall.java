package org.custodia.access;

import java.util.UUID;
import java.util.logging.Logger;

import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditedAction;

/**
 * The audited action under way on this thread: who does it, and the subject and detail its audit entry will carry.
 * {@link AuditedCalls} opens one around every {@link Audited} method and writes its entry when the method ends; the
 * method may only refine what the entry says, or write it early with what it commits
 * ({@link #succeededInThisTransaction()}) or once it took effect beyond undoing ({@link #succeededIrrevocably()}),
 * never skip it. Before a step it cannot undo, it writes what it is about to do ({@link #writeAhead}).
 */
public final class AuditedCall {

    private static final Logger LOG = Logger.getLogger(AuditedCall.class.getName());
    private static final ThreadLocal<AuditedCall> CURRENT = new ThreadLocal<>();

    private final AuditEntries entries;
    private final Actor actor;
    private final AuditedAction action;
    private final AuditedCall enclosing;
    private String subject;
    private String detail;
    // reset from the transaction's completion, which need not run on this thread
    private volatile boolean settled;
    private volatile String undone;
    private boolean irrevocable;
    private UUID intent;
    private String underWay;
    private boolean mayStillTakeEffect;

    private AuditedCall(AuditEntries entries, Actor actor, AuditedAction action, String subject,
                        AuditedCall enclosing) {
        this.entries = entries;
        this.actor = actor;
        this.action = action;
        this.subject = subject;
        this.enclosing = enclosing;
    }

    static AuditedCall begin(AuditEntries entries, Actor actor, AuditedAction action, String subject) {
        AuditedCall call = new AuditedCall(entries, actor, action, subject, CURRENT.get());
        CURRENT.set(call);
        return call;
    }

    /**
     * The action under way.
     *
     * @throws IllegalStateException outside an {@link Audited} method
     */
    public static AuditedCall current() {
        AuditedCall call = CURRENT.get();
        if (call == null) {
            throw new IllegalStateException("no audited action is under way on this thread: annotate the service "
                    + "method with @Audited");
        }
        return call;
    }

    public Actor actor() {
        return actor;
    }

    /** The subject the entry names, when it is known only once the action ran (e.g. a new record's id). */
    public AuditedCall subject(String subject) {
        this.subject = subject;
        return this;
    }

    /** What the entry says besides its outcome (no PHI, no secrets). */
    public AuditedCall detail(String detail) {
        this.detail = detail;
        return this;
    }

    /**
     * Writes the succeeded entry now, with the subject and detail set so far, in the transaction under way: it commits
     * with what the action wrote in that transaction, and the action's outcome is settled, so nothing more is written
     * when the action returns. Should that transaction not commit, the entry is undone with it and the call is
     * audited as failed when it ends, with what became of that transaction. For an action that runs outside a
     * transaction and commits its result in an inner one of its own (an upload, a retrieval), so that the result
     * exists if and only if its entry does; should the action fail after that commit, its failure is only logged.
     *
     * @throws IllegalStateException if no transaction is active, the entry was written already, or an intent was
     *                               (its entry replaces it in a transaction of its own: {@link #succeededIrrevocably})
     */
    public void succeededInThisTransaction() {
        if (settled) {
            throw new IllegalStateException("the entry of " + action.code() + " on " + subject + " is written already");
        }
        if (intent != null) {
            throw new IllegalStateException("the entry of " + action.code() + " on " + subject + " replaces its intent "
                    + "in a transaction of its own: succeededIrrevocably(), not succeededInThisTransaction()");
        }
        settled = true; // before the transaction's completion can reset it
        try {
            entries.writeSettled(actor.name(), action, subject, detail, this::undo);
        } catch (RuntimeException e) {
            settled = false;
            throw e;
        }
    }

    /**
     * Writes what the action is about to do ({@code underWay}, no PHI, no secrets), in a transaction of its own, before
     * a step nothing on this node can undo (a transaction sent to the chain): should the node stop before the action's
     * entry is written, its next start writes one whose outcome is unknown from this intent, so the step never
     * happens without an entry naming who asked for it. The action's entry, however it ends, replaces the intent in
     * one transaction; its {@link #detail} stays the action's own.
     *
     * @throws IllegalStateException if the entry or an intent was written already
     * @throws RuntimeException      if the intent cannot be written (the database down): the step must not be taken
     */
    public void writeAhead(String underWay) {
        if (settled || intent != null) {
            throw new IllegalStateException("the intent of " + action.code() + " on " + subject + " comes before its "
                    + "entry, once");
        }
        intent = entries.writeIntent(actor.name(), action, subject, underWay);
        this.underWay = underWay;
    }

    /**
     * Tells that the step the intent announced may still take effect although the action is failing (its transaction
     * was sent and the chain node did not confirm it in time, or what became of it cannot be told): the entry's
     * outcome is then {@link AuditOutcome#UNKNOWN}, not failed, and its detail says what was under way before the
     * failure. Without an intent ({@link #writeAhead}) no step was announced, and this changes nothing.
     *
     * @return whether a step was announced, that is, whether the failure may concern it
     */
    public boolean mayStillTakeEffect() {
        mayStillTakeEffect = true;
        return intent != null;
    }

    /**
     * Writes the succeeded entry now, with the subject and detail set so far, in a transaction of its own: for an
     * action whose result nothing on this node can undo once it happened (a transaction mined on chain), so that a
     * failure in what the action does next neither loses its entry nor has it audited as failed; such a failure is
     * only logged when the action ends. Should the entry not be written now (the database refusing it), it is written
     * as succeeded when the action ends, with what became of the rest.
     *
     * @throws IllegalStateException if the entry was written already
     */
    public void succeededIrrevocably() {
        if (settled) {
            throw new IllegalStateException("the entry of " + action.code() + " on " + subject + " is written already");
        }
        irrevocable = true;
        try {
            entries.writeNow(actor.name(), action, subject, AuditOutcome.SUCCEEDED, detail, intent);
            settled = true;
        } catch (RuntimeException e) {
            LOG.warning(() -> "Action " + action.code() + " on " + subject + " took effect, and its entry could not "
                    + "be written yet (" + e + "): it is written again when the action ends");
        }
    }

    /**
     * Writes the entry in a transaction of its own, in place of the intent if there is one; should the database
     * refuse an entry that replaces an intent, the outcome the node knew is logged, as the next start writes the
     * intent as an entry whose outcome is unknown.
     */
    private void writeOwn(AuditOutcome outcome, String entryDetail) {
        try {
            entries.writeNow(actor.name(), action, subject, outcome, entryDetail, intent);
        } catch (RuntimeException e) {
            if (intent != null) {
                LOG.severe(() -> "Action " + action.code() + " on " + subject + " ended " + outcome + " ("
                        + entryDetail + "), and its entry could not be written (" + e + "): the node's next start "
                        + "audits it from its intent, with outcome unknown");
            }
            throw e;
        }
    }

    private void undo(String why) {
        undone = why;
        settled = false;
    }

    /** Writes the entry, unless the action settled it, and ends the call on this thread. */
    void end(AuditOutcome outcome, String failure) {
        try {
            if (settled) {
                if (outcome != AuditOutcome.SUCCEEDED) {
                    LOG.warning(() -> "Action " + action.code() + " on " + subject + " took effect and was audited "
                            + "as succeeded, then ended with: " + (failure != null ? failure : outcome));
                }
                return;
            }
            String why = undone; // read after settled, which undo() resets after setting it
            if (irrevocable) {
                String afterwards = failure == null ? null : "afterwards: " + failure;
                writeOwn(AuditOutcome.SUCCEEDED, detail == null ? afterwards
                        : afterwards == null ? detail : detail + "; " + afterwards);
            } else if (intent != null && mayStillTakeEffect && outcome != AuditOutcome.SUCCEEDED) {
                writeOwn(AuditOutcome.UNKNOWN, underWay + "; " + failure);
            } else if (intent != null) {
                writeOwn(outcome, failure != null ? failure : detail);
            } else if (why == null) {
                entries.write(actor.name(), action, subject, outcome, failure != null ? failure : detail);
            } else {
                entries.write(actor.name(), action, subject,
                        outcome == AuditOutcome.SUCCEEDED ? AuditOutcome.FAILED : outcome,
                        failure != null ? failure + "; " + why : why);
            }
        } finally {
            if (enclosing == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(enclosing);
            }
        }
    }
}
