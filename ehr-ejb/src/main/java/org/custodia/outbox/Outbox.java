package org.custodia.outbox;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;

import org.custodia.ledger.api.Bytes32;

/**
 * The transactional outbox: what must leave the node exactly once is written here in the same transaction as the
 * change it announces ({@link #enqueue}), and removed in the transaction that records it done. The
 * {@link OutboxWorker} carries commands out; everything else here is its bookkeeping, each method one transaction
 * (public only because the worker calls them through the container).
 */
@Stateless
public class Outbox {

    @PersistenceContext(unitName = "custodia")
    private EntityManager em;

    private Clock clock = Clock.systemUTC();

    /**
     * Queues a command in the caller's transaction, due at once; queuing the same kind and subject again while it
     * is pending changes nothing.
     */
    public void enqueue(String kind, String subject) {
        enqueue(kind, subject, clock.instant());
    }

    /**
     * Queues a command in the caller's transaction, due at {@code dueAt} (e.g. when a grant expires). Queuing the same
     * kind and subject again while it is pending makes it due by {@code dueAt} if it was waiting longer (a back-off
     * after failures); while an attempt at it is under way, it asks for one more run after that attempt, since the
     * attempt may have read the state before the change being queued.
     */
    public void enqueue(String kind, String subject, Instant dueAt) {
        if (kind == null || kind.isBlank() || kind.length() > 32 || kind.contains(":")) {
            throw new IllegalArgumentException("an outbox command kind is 1 to 32 characters without ':'");
        }
        String id = OutboxCommand.idOf(kind, subject);
        if (!pending(id) || !queuedAgain(id, dueAt)) {
            em.persist(new OutboxCommand(kind, subject, clock.instant(), dueAt));
        }
    }

    /**
     * Whether a command with this id is pending, asked without loading it (an instance in the persistence context
     * would go stale under the bulk update of {@link #queuedAgain}). The usual answer, for an upload's new record,
     * is no: then one read and the insert are all that queuing costs. Package-private for the test of a command
     * done between this read and the update.
     */
    boolean pending(String id) {
        return !em.createQuery("select c.id from OutboxCommand c where c.id = :id", String.class)
                .setParameter("id", id)
                .getResultList()
                .isEmpty();
    }

    /**
     * Queues a pending command again, in one update of its row: one more run after the attempt under way, or due by
     * {@code dueAt} if it is waiting out a back-off. The row stays locked until the caller's transaction ends, also
     * when the command is due already, so that no attempt claims it before the change being queued is committed and
     * runs on the state before it.
     *
     * @return false if the command was done and removed meanwhile, so that it must be queued anew
     */
    private boolean queuedAgain(String id, Instant dueAt) {
        return em.createQuery("update OutboxCommand c set "
                        + "c.rerunRequested = case when c.leasedBy is not null then true else c.rerunRequested end, "
                        + "c.nextAttemptAt = case when c.leasedBy is null and c.nextAttemptAt > :due then :due "
                        + "else c.nextAttemptAt end "
                        + "where c.id = :id")
                .setParameter("due", dueAt.truncatedTo(ChronoUnit.MICROS))
                .setParameter("id", id)
                .executeUpdate() > 0;
    }

    /** Ids of commands due at {@code now}, the longest waiting first. */
    public List<String> due(Instant now, int limit) {
        return em.createQuery("select c.id from OutboxCommand c where c.nextAttemptAt <= :now "
                        + "order by c.nextAttemptAt", String.class)
                .setParameter("now", now)
                .setMaxResults(limit)
                .getResultList();
    }

    /**
     * What the outbox holds at {@code now}: counts per kind, and up to {@code limit} of the commands whose attempts
     * failed. Reads the whole table, which holds only what has not left the node yet.
     */
    public OutboxOverview overview(Instant now, int limit) {
        List<Object[]> rows = em.createQuery("select c.kind, count(c), "
                        + "sum(case when c.leasedBy is null and c.nextAttemptAt <= :now then 1 else 0 end), "
                        + "sum(case when c.leasedBy is not null then 1 else 0 end), "
                        + "sum(case when c.attempts > 0 then 1 else 0 end), "
                        + "sum(case when c.conflictSince is not null then 1 else 0 end), min(c.createdAt) "
                        + "from OutboxCommand c group by c.kind order by c.kind", Object[].class)
                .setParameter("now", now)
                .getResultList();
        List<OutboxOverview.Kind> kinds = rows.stream().map(row -> new OutboxOverview.Kind((String) row[0],
                count(row[1]), count(row[2]), count(row[3]), count(row[4]), count(row[5]), (Instant) row[6]))
                .toList();
        List<OutboxOverview.FailingCommand> failing = em.createQuery("select c from OutboxCommand c "
                        + "where c.attempts > 0 "
                        + "order by case when c.conflictSince is null then 1 else 0 end, c.createdAt, c.id",
                        OutboxCommand.class)
                .setMaxResults(limit)
                .getResultStream()
                .map(c -> new OutboxOverview.FailingCommand(c.kind(), c.subject(), c.attempts(), c.createdAt(),
                        c.nextAttemptAt(), c.leasedBy() != null, c.lastError(), c.conflictSince()))
                .toList();
        return new OutboxOverview(now, kinds, failing);
    }

    private static long count(Object aggregate) {
        return aggregate == null ? 0 : ((Number) aggregate).longValue();
    }

    /**
     * A command taken for one attempt: what the attempt sees, and the lease it settles the command under.
     *
     * @param id      the command's id
     * @param lease   this claim's own lease id; no other claim has it
     * @param command the command as the attempt sees it
     */
    public record Claim(String id, String lease, PendingCommand command) {
    }

    /**
     * Takes a command for one attempt of run {@code run} if it is due: moves its next attempt to {@code leaseUntil}
     * under a new lease id, in one conditional update, so of two concurrent callers only one gets it.
     *
     * @return the claim, or empty if the command is not due, taken by another attempt or done
     */
    public Optional<Claim> claim(String id, String run, Instant now, Instant leaseUntil) {
        String lease = UUID.randomUUID().toString();
        int claimed = em.createQuery("update OutboxCommand c set c.nextAttemptAt = :until, c.leasedBy = :run, "
                        + "c.leaseId = :lease where c.id = :id and c.nextAttemptAt <= :now")
                .setParameter("until", leaseUntil)
                .setParameter("run", run)
                .setParameter("lease", lease)
                .setParameter("id", id)
                .setParameter("now", now)
                .executeUpdate();
        return claimed == 1 ? Optional.ofNullable(em.find(OutboxCommand.class, id))
                .map(command -> new Claim(id, lease, command.pending())) : Optional.empty();
    }

    /**
     * Records the command's effect through its handler and removes it, together, if the claim still holds it; a
     * command queued again during the attempt is made due at once instead of removed.
     *
     * @return false, recording nothing, if the claim no longer held the command: its lease ran out and another attempt
     *         took the command, or it was released when a run stopped or started, or the command was done and queued
     *         anew. The attempt that holds it next finds the effect, as handlers look before they act.
     */
    public boolean completed(Claim claim, CommandHandler handler, CommandOutcome.Done done) {
        int removed = em.createQuery("delete from OutboxCommand c "
                        + "where c.id = :id and c.leaseId = :lease and c.rerunRequested = false")
                .setParameter("id", claim.id())
                .setParameter("lease", claim.lease())
                .executeUpdate();
        if (removed == 0 && em.createQuery("update OutboxCommand c set c.rerunRequested = false, "
                        + "c.leasedBy = null, c.leaseId = null, c.pendingTransaction = null, c.conflictSince = null, "
                        + "c.attempts = 0, c.lastError = null, c.nextAttemptAt = :now "
                        + "where c.id = :id and c.leaseId = :lease")
                .setParameter("now", clock.instant())
                .setParameter("id", claim.id())
                .setParameter("lease", claim.lease())
                .executeUpdate() == 0) {
            return false;
        }
        handler.completed(claim.command().subject(), done);
        return true;
    }

    /**
     * Counts a failed attempt, ends its lease and schedules the next attempt at {@code retryAt}, or at once if the
     * command was queued again during the attempt (the state it failed on has changed since). Conditional updates of
     * the row, so that a re-run asked for meanwhile is neither overwritten nor left waiting out the back-off. A
     * conflict an earlier attempt recorded is over.
     *
     * @return false, changing nothing, if the claim no longer held the command (see {@link #completed})
     */
    public boolean retryLater(Claim claim, String error, Optional<Bytes32> pendingTransaction, Instant retryAt) {
        // the row stays locked from the first update on, so a re-run asked for between the two waits for the commit
        return failedAttempt(claim, error, pendingTransaction, false, false, retryAt) > 0
                || failedAttempt(claim, error, pendingTransaction, false, true, clock.instant()) > 0;
    }

    /**
     * {@link #retryLater} for an attempt that found the command can never take effect as it stands: also records
     * since when it has been in conflict (kept from an earlier attempt that found one), for administrators to see.
     */
    public boolean conflicted(Claim claim, String reason, Instant retryAt) {
        return failedAttempt(claim, reason, Optional.empty(), true, false, retryAt) > 0
                || failedAttempt(claim, reason, Optional.empty(), true, true, clock.instant()) > 0;
    }

    /** The failed attempt recorded on the command if its re-run flag is {@code rerun}; how many rows changed. */
    private int failedAttempt(Claim claim, String error, Optional<Bytes32> pendingTransaction, boolean conflict,
            boolean rerun, Instant next) {
        Query update = em.createQuery("update OutboxCommand c set c.attempts = c.attempts + 1, c.lastError = :error, "
                        + (pendingTransaction.isPresent() ? "c.pendingTransaction = :transaction, " : "")
                        + (conflict ? "c.conflictSince = coalesce(c.conflictSince, :now), " : "c.conflictSince = null, ")
                        + "c.leasedBy = null, c.leaseId = null, c.nextAttemptAt = :next, c.rerunRequested = false "
                        + "where c.id = :id and c.leaseId = :lease and c.rerunRequested = :rerun")
                .setParameter("error", OutboxCommand.fittedError(error))
                .setParameter("next", next.truncatedTo(ChronoUnit.MICROS))
                .setParameter("id", claim.id())
                .setParameter("lease", claim.lease())
                .setParameter("rerun", rerun);
        pendingTransaction.ifPresent(transaction -> update.setParameter("transaction", transaction.toString()));
        if (conflict) {
            update.setParameter("now", clock.instant().truncatedTo(ChronoUnit.MICROS));
        }
        return update.executeUpdate();
    }

    /**
     * Makes every command leased by another run than {@code run} due at {@code now}: those runs are over (a stop or
     * a crash), and an attempt of theirs that is somehow still going can no longer settle its command.
     *
     * @return how many leases were released
     */
    public int releaseLeasesOfOtherRuns(String run, Instant now) {
        return em.createQuery("update OutboxCommand c set c.leasedBy = null, c.leaseId = null, "
                        + "c.nextAttemptAt = :now where c.leasedBy is not null and c.leasedBy <> :run")
                .setParameter("now", now)
                .setParameter("run", run)
                .executeUpdate();
    }

    /** Makes the commands leased by {@code run} due at {@code now} (the run is stopping). */
    public int releaseLeasesOf(String run, Instant now) {
        return em.createQuery("update OutboxCommand c set c.leasedBy = null, c.leaseId = null, "
                        + "c.nextAttemptAt = :now where c.leasedBy = :run")
                .setParameter("now", now)
                .setParameter("run", run)
                .executeUpdate();
    }
}
