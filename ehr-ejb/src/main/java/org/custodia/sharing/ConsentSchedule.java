package org.custodia.sharing;

import java.time.Instant;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.custodia.outbox.Outbox;
import org.custodia.outbox.OutboxWorker;

/**
 * Queues sharing's outbox commands, each committed in a transaction of its own before an attempt is started (so the
 * attempt finds it): looks at consent entries, and reconciliations of one patient's re-keys for one hospital.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ConsentSchedule {

    @EJB
    private Outbox outbox;

    @EJB
    private OutboxWorker worker;

    /** A look at a consent entry this node just changed, tried at once. */
    public void lookNow(ConsentKind kind, long chainId) {
        now(ConsentSyncCommand.KIND, kind.subject(chainId));
    }

    /** A look at the entry at {@code when} (its expiry), under a kind of its own that never merges with one now. */
    public void lookAgainAt(String subject, Instant when) {
        outbox.enqueue(ConsentExpiryCommand.KIND, subject, when);
    }

    /**
     * Brings the proxies' re-keys of a patient for a hospital in line with the chain, tried at once. One command per
     * pair, so reconciliations of the same pair never run side by side; one queued while another runs follows it.
     */
    public void reconcileReKeys(String patientPseudonym, String hospital) {
        now(ReKeyCommand.KIND, ReKeyCommand.subject(patientPseudonym, hospital));
    }

    private void now(String kind, String subject) {
        outbox.enqueue(kind, subject);
        worker.soon(kind, subject);
    }
}
