package org.custodia.access;

import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditedAction;

/**
 * The audited action under way on this thread: who does it, and the subject and detail its audit entry will carry.
 * {@link AuditedCalls} opens one around every {@link Audited} method and writes its entry when the method ends; the
 * method may only refine what the entry says, never skip it.
 */
public final class AuditedCall {

    private static final ThreadLocal<AuditedCall> CURRENT = new ThreadLocal<>();

    private final Actor actor;
    private final AuditedAction action;
    private final AuditedCall enclosing;
    private String subject;
    private String detail;

    private AuditedCall(Actor actor, AuditedAction action, String subject, AuditedCall enclosing) {
        this.actor = actor;
        this.action = action;
        this.subject = subject;
        this.enclosing = enclosing;
    }

    static AuditedCall begin(Actor actor, AuditedAction action, String subject) {
        AuditedCall call = new AuditedCall(actor, action, subject, CURRENT.get());
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

    /** Writes the entry and ends the call on this thread. */
    void end(AuditEntries entries, AuditOutcome outcome, String failure) {
        try {
            entries.write(actor.name(), action, subject, outcome, failure != null ? failure : detail);
        } finally {
            if (enclosing == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(enclosing);
            }
        }
    }
}
