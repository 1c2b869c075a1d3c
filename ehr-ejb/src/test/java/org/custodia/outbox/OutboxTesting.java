package org.custodia.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.custodia.ledger.api.Bytes32;
import org.custodia.persistence.TestPersistenceUnit;
import org.custodia.testing.Beans;

/**
 * The outbox outside the container, for the tests of the capabilities that queue commands: an {@link Outbox}
 * whose every call runs in its own resource-local transaction, as the container runs it, and a worker over it.
 */
public final class OutboxTesting {

    /** What the outbox holds of one command. */
    public record CommandState(int attempts, Instant nextAttemptAt, String leasedBy, String pendingTransaction,
                               String lastError, Instant conflictSince) {
    }

    private final EntityManagerFactory emf;

    public OutboxTesting(EntityManagerFactory emf) {
        this.emf = emf;
    }

    /**
     * An outbox that joins the caller's entity manager (for a store that queues in its own transaction), queuing
     * commands due at {@code clock}'s time.
     */
    public static Outbox joining(EntityManager em, Clock clock) {
        Outbox outbox = new Outbox();
        Beans.inject(outbox, Outbox.class, "em", em);
        Beans.inject(outbox, Outbox.class, "clock", clock);
        return outbox;
    }

    /** An outbox whose every call is one transaction. */
    public Outbox transactional() {
        return new TransactionalOutbox();
    }

    /** A worker of run {@code run} over {@link #transactional()}, with the given handlers and clock. */
    public OutboxWorker worker(Clock clock, CommandHandler... handlers) {
        OutboxWorker worker = new OutboxWorker(clock);
        Beans.inject(worker, OutboxWorker.class, "outbox", transactional());
        Map<String, CommandHandler> byKind = new java.util.HashMap<>();
        for (CommandHandler handler : handlers) {
            byKind.put(handler.kind(), handler);
        }
        Beans.inject(worker, OutboxWorker.class, "handlers", Map.copyOf(byKind));
        return worker;
    }

    /** The command's state, if it is still pending. */
    public Optional<CommandState> state(String kind, String subject) {
        EntityManager em = emf.createEntityManager();
        try {
            return Optional.ofNullable(em.find(OutboxCommand.class, OutboxCommand.idOf(kind, subject)))
                    .map(c -> new CommandState(c.attempts(), c.nextAttemptAt(), c.leasedBy(),
                            c.pending().pendingTransaction().map(Bytes32::toString).orElse(null), c.lastError(),
                            c.conflictSince()));
        } finally {
            em.close();
        }
    }

    /** Takes the command for an attempt of run {@code run} that then never settles (a crash, or a stop). */
    public boolean leaseFor(String kind, String subject, String run, Instant now, Instant until) {
        return transactional().claim(OutboxCommand.idOf(kind, subject), run, now, until).isPresent();
    }

    /** What a worker does before its first batch: releases the leases of earlier runs. */
    public static void releaseEarlierLeases(OutboxWorker worker) {
        worker.releaseEarlierLeases();
    }

    /** What the container does when the application stops. */
    public static void stop(OutboxWorker worker) {
        worker.stop();
    }

    /** The id the worker attempts a command under. */
    public static String idOf(String kind, String subject) {
        return OutboxCommand.idOf(kind, subject);
    }

    private final class TransactionalOutbox extends Outbox {

        private <T> T inTransaction(Supplier<T> work) {
            return TestPersistenceUnit.inTransaction(emf, em -> {
                Beans.inject(this, Outbox.class, "em", em);
                return work.get();
            });
        }

        @Override
        public void enqueue(String kind, String subject) {
            inTransaction(() -> {
                super.enqueue(kind, subject);
                return null;
            });
        }

        @Override
        public List<String> due(Instant now, int limit) {
            return inTransaction(() -> super.due(now, limit));
        }

        @Override
        public Optional<Claim> claim(String id, String run, Instant now, Instant leaseUntil) {
            return inTransaction(() -> super.claim(id, run, now, leaseUntil));
        }

        @Override
        public boolean completed(Claim claim, CommandHandler handler, CommandOutcome.Done done) {
            return inTransaction(() -> super.completed(claim, handler, done));
        }

        @Override
        public boolean retryLater(Claim claim, String error, Optional<Bytes32> pendingTransaction, Instant retryAt) {
            return inTransaction(() -> super.retryLater(claim, error, pendingTransaction, retryAt));
        }

        @Override
        public boolean conflicted(Claim claim, String reason, Instant retryAt) {
            return inTransaction(() -> super.conflicted(claim, reason, retryAt));
        }

        @Override
        public OutboxOverview overview(Instant now, int limit) {
            return inTransaction(() -> super.overview(now, limit));
        }

        @Override
        public int releaseLeasesOfOtherRuns(String run, Instant now) {
            return inTransaction(() -> super.releaseLeasesOfOtherRuns(run, now));
        }

        @Override
        public int releaseLeasesOf(String run, Instant now) {
            return inTransaction(() -> super.releaseLeasesOf(run, now));
        }
    }
}
