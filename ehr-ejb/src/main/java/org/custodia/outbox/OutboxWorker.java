package org.custodia.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.custodia.kernel.RecurringProblem;
import org.custodia.persistence.SchemaMigration;

/**
 * Carries out the outbox's commands: each due command gets an attempt within two seconds, on one of
 * {@value #ATTEMPT_THREADS} container threads, and a failure reschedules it with back-off ({@link OutboxRetryPolicy}).
 * {@link #soon} queues an attempt right after the transaction that queued a command, without holding up the caller.
 * However many commands fall due at once, their attempts wait in a bounded {@link AttemptQueue}, not on threads of
 * their own: what does not fit stays due in the outbox for the timer.
 *
 * <p>Leases belong to this run of the application (a random id per start), and each claim has a lease id of its
 * own: an attempt settles its command only while it still holds its lease, so one that outlived it changes nothing
 * the attempt after it relies on. At start-up the leases of earlier runs are released; when the application stops,
 * no new attempt starts, the attempts under way are waited for (bounded) and whatever this run still holds is
 * released. So whatever was in flight at a stop or a crash goes out within seconds of the next start, still exactly
 * once: handlers look before they act (a pending transaction, what the chain or a proxy already holds).
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxWorker {

    private static final Logger LOG = Logger.getLogger(OutboxWorker.class.getName());
    /**
     * How many attempts run at once: half the ledger connection pool's 32 (glassfish-resources.xml), so that attempts
     * never hold every connection that requests need for their chain reads. Anchors of concurrent attempts share
     * transactions, so this also bounds how many go in one.
     */
    static final int ATTEMPT_THREADS = 16;
    /** How many attempts may wait for a thread. */
    static final int QUEUED_ATTEMPTS = 4096;
    /** The most due commands the timer queues per tick. */
    private static final int BATCH = 1000;
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    @EJB
    private Outbox outbox;

    @EJB
    private SchemaMigration schema;

    @Inject
    @Any
    private Instance<CommandHandler> handlerBeans;

    @Resource
    private ManagedExecutorService executor;

    @Inject
    private ThreadFactory threads;

    private final String run = UUID.randomUUID().toString();
    private final Clock clock;
    private final Object attempts = new Object();
    private final AtomicBoolean ticking = new AtomicBoolean();
    private final AtomicBoolean earlierLeasesReleased = new AtomicBoolean();
    private final RecurringProblem problem = new RecurringProblem();
    /** The conflict this run last logged per command: logged at SEVERE once per reason and run, not at every retry. */
    private final Map<String, String> conflictsLogged = new ConcurrentHashMap<>();
    private volatile Map<String, CommandHandler> handlers;
    private volatile AttemptQueue queue;
    private int inFlight;
    private boolean stopping;

    public OutboxWorker() {
        this(Clock.systemUTC());
    }

    OutboxWorker(Clock clock) {
        this.clock = clock;
    }

    @PostConstruct
    void start() {
        Map<String, CommandHandler> byKind = new HashMap<>();
        for (CommandHandler handler : handlerBeans) {
            byKind.put(handler.kind(), handler);
        }
        handlers = Map.copyOf(byKind);
        queue = new AttemptQueue(ATTEMPT_THREADS, QUEUED_ATTEMPTS, threads, this::attemptLogged);
    }

    /** Queues an attempt at the command, without waiting for it; the timer covers a full queue. */
    public void soon(String kind, String subject) {
        String id = OutboxCommand.idOf(kind, subject);
        if (!queue.offer(id)) {
            LOG.fine(() -> "Outbox command " + id + " left to the timer: " + QUEUED_ATTEMPTS + " attempts wait");
        }
    }

    /**
     * Queues the due commands, as many as the queue has room for, on a container thread outside the transaction
     * Payara may start for the timer's own thread.
     */
    @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false, info = "outbox commands")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void workThroughDue() {
        if (!schema.state().migrated() || !ticking.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(this::workBatch);
        } catch (RejectedExecutionException e) {
            ticking.set(false);
        }
    }

    private void workBatch() {
        try {
            releaseEarlierLeases();
            // side by side, so that their chain transactions share batches and blocks; a lease keeps each to one
            // attempt
            int room = Math.min(BATCH, queue.room());
            if (room > 0) {
                for (String id : outbox.due(clock.instant(), room)) {
                    queue.offer(id);
                }
            }
            problem.clear();
        } catch (RuntimeException e) {
            if (problem.isNew(e)) {
                LOG.warning("The outbox could not be worked through (retried in 2 s): " + e.getMessage());
            }
        } finally {
            ticking.set(false);
        }
    }

    /**
     * One attempt at a command if it is due and no other attempt holds it: carried out by its handler outside any
     * transaction, then settled (done, or rescheduled).
     *
     * @return whether the command is done (also when it was done before)
     */
    public boolean attempt(String id) {
        if (!enter()) {
            return false;
        }
        try {
            Instant now = clock.instant();
            Optional<Outbox.Claim> claimed = outbox.claim(id, run, now, now.plus(OutboxRetryPolicy.LEASE));
            if (claimed.isEmpty()) {
                return false;
            }
            Outbox.Claim claim = claimed.get();
            PendingCommand command = claim.command();
            CommandHandler handler = handlers.get(command.kind());
            if (handler == null) {
                settle(claim, handler, new CommandOutcome.Conflict("no handler for outbox commands of kind "
                        + command.kind() + " in this version of the application"));
                return false;
            }
            CommandOutcome outcome;
            try {
                outcome = handler.carryOut(command);
            } catch (RuntimeException e) {
                outcome = new CommandOutcome.Retry(String.valueOf(e.getMessage()), command.pendingTransaction());
            }
            return settle(claim, handler, outcome);
        } finally {
            leave();
        }
    }

    /** {@link #attempt}, where a failure of the outbox itself (its database) is logged and left to the next tick. */
    private void attemptLogged(String id) {
        try {
            attempt(id);
        } catch (RuntimeException e) {
            LOG.warning("Outbox command " + id + " could not be attempted (tried again when due): " + e.getMessage());
        }
    }

    /** @return whether the command is done, by this attempt */
    private boolean settle(Outbox.Claim claim, CommandHandler handler, CommandOutcome outcome) {
        String id = claim.id();
        Instant now = clock.instant();
        int failures = claim.command().attempts() + 1;
        boolean settled = false;
        if (outcome instanceof CommandOutcome.Done done) {
            settled = outbox.completed(claim, handler, done);
            if (settled) {
                LOG.fine(() -> "Outbox command " + id + " is done");
            }
        } else if (outcome instanceof CommandOutcome.Retry retry) {
            settled = outbox.retryLater(claim, retry.reason(), retry.pendingTransaction(),
                    now.plus(min(OutboxRetryPolicy.delayAfter(failures), handler.maximumRetryDelay())));
            if (settled) {
                LOG.log(failures == 1 ? Level.WARNING : Level.FINE, () -> "Outbox command " + id
                        + " is not done yet (attempt " + failures + ", retried automatically): " + retry.reason());
            }
        } else if (outcome instanceof CommandOutcome.Conflict conflict) {
            settled = outbox.conflicted(claim, conflict.reason(), now.plus(OutboxRetryPolicy.MAXIMUM_DELAY));
            if (settled) {
                boolean known = conflict.reason().equals(conflictsLogged.put(id, conflict.reason()));
                LOG.log(known ? Level.FINE : Level.SEVERE, () -> "Outbox command " + id + " cannot be carried out"
                        + (known ? " (still)" : " (tried again every " + OutboxRetryPolicy.MAXIMUM_DELAY.toMinutes()
                        + " minutes; listed on the status page until it is done)") + ": " + conflict.reason());
            }
        }
        if (settled && !(outcome instanceof CommandOutcome.Conflict)) {
            conflictsLogged.remove(id);
        }
        if (!settled) {
            LOG.warning(() -> "An attempt at outbox command " + id + " ended after its lease of "
                    + OutboxRetryPolicy.LEASE.toMinutes() + " minutes had run out or been released; what it "
                    + "found is left to the attempt that holds the command now");
            return false;
        }
        return outcome instanceof CommandOutcome.Done;
    }

    /** Once per run, before the first batch: makes what earlier runs left leased due now. */
    void releaseEarlierLeases() {
        if (!earlierLeasesReleased.get()) {
            int released = outbox.releaseLeasesOfOtherRuns(run, clock.instant());
            earlierLeasesReleased.set(true);
            if (released > 0) {
                LOG.info("Released " + released + " outbox commands leased by an earlier run; they are due now");
            }
        }
    }

    private boolean enter() {
        synchronized (attempts) {
            if (stopping) {
                return false;
            }
            inFlight++;
            return true;
        }
    }

    private void leave() {
        synchronized (attempts) {
            inFlight--;
            attempts.notifyAll();
        }
    }

    /** No new attempt from now on; waits for the ones under way, then releases what this run still holds. */
    @PreDestroy
    void stop() {
        if (queue != null) {
            queue.stop();
        }
        synchronized (attempts) {
            stopping = true;
            long deadline = System.nanoTime() + STOP_WAIT.toNanos();
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warning(inFlight + " outbox attempts were still running when the application stopped; "
                            + "their commands are released at the next start");
                    return;
                }
                try {
                    attempts.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        try {
            outbox.releaseLeasesOf(run, clock.instant());
        } catch (RuntimeException e) {
            LOG.fine(() -> "Outbox leases of this run not released at stop (released at the next start): "
                    + e.getMessage());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
