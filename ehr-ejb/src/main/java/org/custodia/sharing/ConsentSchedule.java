package org.custodia.sharing;

import java.time.Instant;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import org.custodia.outbox.Outbox;
import org.custodia.outbox.OutboxWorker;

/** Queues looks at consent entries through the outbox, each in its own transaction (callers run outside one). */
@Stateless
public class ConsentSchedule {

    @EJB
    private Outbox outbox;

    @EJB
    private OutboxWorker worker;

    /** A look at the entry now; also tried at once rather than at the worker's next tick. */
    public void lookNow(ConsentKind kind, long chainId) {
        String subject = kind.subject(chainId);
        outbox.enqueue(ConsentSyncCommand.KIND, subject);
        worker.soon(ConsentSyncCommand.KIND, subject);
    }

    /** A look at the entry at {@code when} (its expiry), under a kind of its own so that it never merges with one now. */
    public void lookAgainAt(String subject, Instant when) {
        outbox.enqueue(ConsentExpiryCommand.KIND, subject, when);
    }
}
