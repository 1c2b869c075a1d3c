package org.custodia.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.persistence.EntityManagerFactory;

import org.custodia.ledger.api.Bytes32;
import org.custodia.persistence.TestDatabase;
import org.custodia.persistence.TestPersistenceUnit;
import org.custodia.testing.Beans;
import org.custodia.testing.MovableClock;
import org.custodia.testing.TestThreads;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queuing commands on the real schema, outside a container: a new command, the same one queued again while it
 * waits, while an attempt is under way and after it is done. On H2 here, on PostgreSQL in
 * {@link OutboxPostgresTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxTest {

    private static final String KIND = "test-command";
    private static final Bytes32 PENDING = Bytes32.fromHex("0x" + "ab".repeat(32));

    @TempDir
    static Path directory;

    private TestDatabase database;
    private EntityManagerFactory emf;
    private OutboxTesting outbox;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private String subject;

    /** The database the tests run on. */
    TestDatabase openDatabase() throws Exception {
        return TestDatabase.h2(directory);
    }

    @BeforeAll
    void migrate() throws Exception {
        database = openDatabase();
        emf = database.persistenceUnit(Map.of("hibernate.generate_statistics", "true",
                        "hibernate.session.events.log", "false"), OutboxCommand.class);
        outbox = new OutboxTesting(emf);
    }

    @BeforeEach
    void newSubject() {
        subject = UUID.randomUUID().toString();
    }

    @AfterAll
    void close() {
        database.close();
    }

    @Test
    void aNewCommandCostsOneReadAndItsInsert() {
        Statistics statistics = emf.unwrap(SessionFactory.class).getStatistics();
        statistics.clear();
        enqueue(now, now.plusSeconds(30));
        assertEquals(2, statistics.getPrepareStatementCount(),
                "whether the command is pending, then its insert: nothing else on an upload's path");

        OutboxTesting.CommandState queued = state();
        assertEquals(now.plusSeconds(30), queued.nextAttemptAt());
        assertEquals(0, queued.attempts());
        assertNull(queued.leasedBy());
    }

    @Test
    void queuingAWaitingCommandAgainChangesNothing() {
        enqueue(now, now);
        enqueue(now.plusSeconds(60), now.plusSeconds(60));
        assertEquals(now, state().nextAttemptAt(), "still due when first asked for");
    }

    @Test
    void aCommandWaitingOutABackOffIsDueByTheTimeItIsAskedForAgain() {
        enqueue(now, now);
        Outbox transactional = outbox.transactional();
        assertTrue(transactional.retryLater(claim(now), "the chain node is down", Optional.empty(),
                now.plus(Duration.ofHours(1))));

        enqueue(now.plusSeconds(60), now.plus(Duration.ofHours(2)));
        assertEquals(now.plus(Duration.ofHours(1)), state().nextAttemptAt(), "asked for later than it is due");

        enqueue(now.plusSeconds(60), now.plusSeconds(60));
        OutboxTesting.CommandState due = state();
        assertEquals(now.plusSeconds(60), due.nextAttemptAt());
        assertEquals(1, due.attempts(), "its failed attempt is still counted");
        assertEquals("the chain node is down", due.lastError());
    }

    /** An error may quote another node or the chain node: PostgreSQL refuses a NUL, and the attempt went unrecorded. */
    @Test
    void anAttemptsErrorIsRecordedAsOneLineWhateverItQuotes() {
        enqueue(now, now);
        assertTrue(outbox.transactional().retryLater(claim(now), "the proxy answered 409: \u0000re-key\nrefused\uD800",
                Optional.of(PENDING), now.plus(Duration.ofHours(1))));

        OutboxTesting.CommandState failed = state();
        assertEquals("the proxy answered 409: \uFFFDre-key\uFFFDrefused\uFFFD", failed.lastError());
        assertEquals(1, failed.attempts());
        assertEquals(now.plus(Duration.ofHours(1)), failed.nextAttemptAt(), "its back-off recorded");
        assertEquals(PENDING.toString(), failed.pendingTransaction(), "and the transaction it sent");
    }

    @Test
    void aCommandQueuedDuringItsAttemptRunsOnceMoreAfterIt() {
        enqueue(now, now);
        Outbox transactional = outbox.transactional();
        Outbox.Claim first = claim(now);
        enqueue(now.plusSeconds(1), now.plusSeconds(1));

        List<String> recorded = new ArrayList<>();
        assertTrue(transactional.completed(first, handler(recorded), done()));
        assertEquals(List.of(subject), recorded);
        OutboxTesting.CommandState again = state();
        assertNull(again.leasedBy());
        assertFalse(again.nextAttemptAt().isAfter(Instant.now()), "due at once");

        assertTrue(transactional.completed(claim(Instant.now()), handler(recorded), done()));
        assertTrue(outbox.state(KIND, subject).isEmpty(), "done after the second run");
    }

    /**
     * A command queued again while an attempt at it was under way runs again at once when that attempt fails: the
     * state it failed on has changed (a re-key refused for a key the hospital has replaced since). Before, the failed
     * attempt kept its back-off, and wrote its whole row back, a re-run asked for meanwhile included.
     */
    @Test
    void aCommandQueuedDuringAnAttemptThatFailsIsDueAtOnceAndOnlyOnce() {
        enqueue(now, now);
        Outbox transactional = outbox.transactional();
        Outbox.Claim first = claim(now);
        enqueue(now.plusSeconds(1), now.plusSeconds(1));

        assertTrue(transactional.retryLater(first, "the proxy refused the re-key", Optional.empty(),
                now.plus(Duration.ofHours(1))));
        OutboxTesting.CommandState again = state();
        assertFalse(again.nextAttemptAt().isAfter(Instant.now()), "due at once, not after the back-off");
        assertNull(again.leasedBy());
        assertEquals(1, again.attempts());
        assertEquals("the proxy refused the re-key", again.lastError());

        assertTrue(transactional.retryLater(claim(Instant.now()), "refused again", Optional.empty(),
                now.plus(Duration.ofHours(1))));
        assertEquals(now.plus(Duration.ofHours(1)), state().nextAttemptAt(), "the re-run was spent");
        assertEquals(2, state().attempts());
    }

    @Test
    void aDueCommandQueuedAgainIsNotClaimedBeforeTheChangeThatQueuedItCommits() throws Exception {
        enqueue(now, now);
        CountDownLatch queued = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> change = CompletableFuture.runAsync(() -> TestPersistenceUnit.inTransaction(emf,
                em -> {
                    OutboxTesting.joining(em, Clock.fixed(now, ZoneOffset.UTC)).enqueue(KIND, subject, now);
                    queued.countDown();
                    TestThreads.await(commit);
                    return null;
                }));
        assertTrue(queued.await(30, TimeUnit.SECONDS));

        CompletableFuture<Boolean> attempt = CompletableFuture.supplyAsync(() -> outbox.leaseFor(KIND, subject,
                "run-1", now, now.plus(OutboxRetryPolicy.LEASE)));
        Thread.sleep(300);
        assertFalse(attempt.isDone(), "no attempt takes the command while the change that queued it is open");
        commit.countDown();
        change.get(30, TimeUnit.SECONDS);
        assertTrue(attempt.get(30, TimeUnit.SECONDS), "then the attempt takes it, and reads what was committed");
    }

    @Test
    void aCommandDoneIsQueuedAnew() {
        enqueue(now, now);
        assertTrue(outbox.transactional().completed(claim(now), handler(new ArrayList<>()), done()));
        assertTrue(outbox.state(KIND, subject).isEmpty());

        enqueue(now.plusSeconds(5), now.plusSeconds(5));
        OutboxTesting.CommandState anew = state();
        assertEquals(now.plusSeconds(5), anew.nextAttemptAt());
        assertEquals(0, anew.attempts());
    }

    @Test
    void aCommandDoneBetweenTheReadAndTheUpdatesIsQueuedAnew() {
        TestPersistenceUnit.inTransaction(emf, em -> {
            Outbox seenPending = new Outbox() {
                @Override
                boolean pending(String id) {
                    return true; // as read just before another transaction removed the command as done
                }
            };
            Beans.inject(seenPending, Outbox.class, "em", em);
            Beans.inject(seenPending, Outbox.class, "clock", Clock.fixed(now, ZoneOffset.UTC));
            seenPending.enqueue(KIND, subject, now.plusSeconds(5));
            return null;
        });
        OutboxTesting.CommandState anew = state();
        assertEquals(now.plusSeconds(5), anew.nextAttemptAt());
        assertEquals(0, anew.attempts());
    }

    /**
     * An attempt that outlived its lease, the command taken by the next attempt meanwhile, settles nothing: neither its
     * failure (which would end the lease of the attempt under way and reschedule the command) nor its effect. Before
     * lease ids, either did.
     */
    @Test
    void anAttemptWhoseLeaseRanOutAndWasTakenOverSettlesNothing() {
        enqueue(now, now);
        Outbox transactional = outbox.transactional();
        Outbox.Claim outlived = claim(now);
        Instant afterLease = now.plus(OutboxRetryPolicy.LEASE).plusSeconds(1);
        Outbox.Claim current = claim(afterLease, "run-2");

        assertFalse(transactional.retryLater(outlived, "answered too late", Optional.of(PENDING),
                now.plusSeconds(2)));
        OutboxTesting.CommandState held = state();
        assertEquals("run-2", held.leasedBy(), "still leased by the attempt under way");
        assertEquals(afterLease.plus(OutboxRetryPolicy.LEASE), held.nextAttemptAt(), "not rescheduled");
        assertEquals(0, held.attempts());
        assertNull(held.lastError());
        assertNull(held.pendingTransaction());

        List<String> recorded = new ArrayList<>();
        assertFalse(transactional.completed(outlived, handler(recorded), done()));
        assertEquals(List.of(), recorded, "its effect is not recorded");
        assertEquals(afterLease.plus(OutboxRetryPolicy.LEASE), state().nextAttemptAt(), "still pending, still held");

        assertTrue(transactional.completed(current, handler(recorded), done()));
        assertEquals(List.of(subject), recorded);
        assertTrue(outbox.state(KIND, subject).isEmpty());
    }

    /** Nor does it remove the same kind and subject queued anew after the attempt that took over had done it. */
    @Test
    void anAttemptWhoseLeaseRanOutLeavesTheCommandQueuedAnewAfterIt() {
        enqueue(now, now);
        Outbox transactional = outbox.transactional();
        Outbox.Claim outlived = claim(now);
        Instant afterLease = now.plus(OutboxRetryPolicy.LEASE).plusSeconds(1);
        assertTrue(transactional.completed(claim(afterLease), handler(new ArrayList<>()), done()));
        enqueue(afterLease.plusSeconds(1), afterLease.plusSeconds(1));

        List<String> recorded = new ArrayList<>();
        assertFalse(transactional.completed(outlived, handler(recorded), done()));
        assertEquals(List.of(), recorded);
        assertEquals(afterLease.plusSeconds(1), state().nextAttemptAt(), "the new command is still pending");
        assertEquals(0, state().attempts());
    }

    /** A lease released at a start (its run is over) ends that attempt's say over the command too. */
    @Test
    void anAttemptOfARunWhoseLeasesWereReleasedSettlesNothing() {
        enqueue(now, now);
        Outbox transactional = outbox.transactional();
        Outbox.Claim ofEarlierRun = claim(now);
        assertTrue(transactional.releaseLeasesOfOtherRuns("run-3", now.plusSeconds(1)) >= 1,
                "this test's lease, and any other test's left in the database, released");

        assertFalse(transactional.retryLater(ofEarlierRun, "answered after the restart", Optional.empty(),
                now.plus(Duration.ofHours(1))));
        OutboxTesting.CommandState released = state();
        assertNull(released.leasedBy());
        assertEquals(now.plusSeconds(1), released.nextAttemptAt(), "due as the release left it");
        assertEquals(0, released.attempts());
    }

    /**
     * An attempt that finds the command can never take effect as it stands records since when; a later conflict keeps
     * its start, and an attempt that fails otherwise ends it.
     */
    @Test
    void aConflictIsRecordedFromItsFirstAttemptUntilAnAttemptFailsOtherwise() {
        enqueue(now, now);
        Outbox transactional = outbox.transactional();
        assertTrue(withClock(now).conflicted(claim(now), "anchored by another account", now.plusSeconds(10)));
        OutboxTesting.CommandState inConflict = state();
        assertEquals(now, inConflict.conflictSince());
        assertEquals(now.plusSeconds(10), inConflict.nextAttemptAt(), "tried again later");
        assertEquals(1, inConflict.attempts());

        assertTrue(withClock(now.plusSeconds(10)).conflicted(claim(now.plusSeconds(10)),
                "anchored by another account", now.plusSeconds(20)));
        assertEquals(now, state().conflictSince(), "in conflict since the first attempt that found it");
        assertEquals(2, state().attempts());

        assertTrue(transactional.retryLater(claim(now.plusSeconds(20)), "the chain node is down", Optional.empty(),
                now.plusSeconds(30)));
        assertNull(state().conflictSince(), "a failure of another kind ends it");
    }

    /**
     * A command that failed, then succeeded while it was queued again, runs once more as a new command: not listed as
     * failing with the error its earlier attempt met.
     */
    @Test
    void aCommandDoneAndQueuedAgainDuringItsAttemptStartsAfreshWithoutItsEarlierFailures() {
        enqueue(now, now);
        Outbox transactional = outbox.transactional();
        assertTrue(withClock(now).conflicted(claim(now), "anchored by another account", now.plusSeconds(10)));
        Outbox.Claim succeeding = claim(now.plusSeconds(10));
        enqueue(now.plusSeconds(11), now.plusSeconds(11));

        assertTrue(transactional.completed(succeeding, handler(new ArrayList<>()), done()));

        OutboxTesting.CommandState again = state();
        assertEquals(0, again.attempts());
        assertNull(again.lastError());
        assertNull(again.conflictSince());
    }

    /** A conflict found by an attempt during which the command was queued again: recorded, and due at once. */
    @Test
    void aConflictFoundWhileTheCommandWasQueuedAgainIsRecordedAndTheCommandIsDueAtOnce() {
        enqueue(now, now);
        Outbox.Claim first = claim(now);
        enqueue(now.plusSeconds(1), now.plusSeconds(1));

        assertTrue(withClock(now.plusSeconds(2)).conflicted(first, "anchored by another account",
                now.plus(OutboxRetryPolicy.MAXIMUM_DELAY)));

        OutboxTesting.CommandState conflicted = state();
        assertEquals(now.plusSeconds(2), conflicted.conflictSince());
        assertEquals(now.plusSeconds(2), conflicted.nextAttemptAt(), "due at once: the state it met has changed");
        assertEquals(1, conflicted.attempts());
    }

    /**
     * The worker logs a conflict at SEVERE when this run first meets it and when its reason changes; the retries every
     * 5 minutes in between at FINE (before, SEVERE each time, for ever). A new run logs it again.
     */
    @Test
    void theWorkerLogsAConflictAtSevereOncePerReasonAndRun() {
        String kind = "conflict-" + UUID.randomUUID().toString().substring(0, 8);
        enqueue(kind, subject, now, now);
        AtomicReference<String> reason = new AtomicReference<>("anchored on chain by another account");
        CommandHandler conflicting = new CommandHandler() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public CommandOutcome carryOut(PendingCommand command) {
                return new CommandOutcome.Conflict(reason.get());
            }

            @Override
            public void completed(String subject, CommandOutcome.Done done) {
                throw new AssertionError("never done");
            }
        };
        MovableClock clock = new MovableClock(now);
        String id = OutboxCommand.idOf(kind, subject);
        List<LogRecord> logged = new ArrayList<>();
        Handler recorder = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (String.valueOf(record.getMessage()).contains(id)) {
                    logged.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(OutboxWorker.class.getName());
        Level before = log.getLevel();
        log.setLevel(Level.ALL);
        log.addHandler(recorder);
        try {
            OutboxWorker run = outbox.worker(clock, conflicting);
            run.attempt(id);
            clock.advance(OutboxRetryPolicy.MAXIMUM_DELAY);
            run.attempt(id);
            reason.set("the audit head anchored differs from this node's");
            clock.advance(OutboxRetryPolicy.MAXIMUM_DELAY);
            run.attempt(id);
            clock.advance(OutboxRetryPolicy.MAXIMUM_DELAY);
            outbox.worker(clock, conflicting).attempt(id);
        } finally {
            log.removeHandler(recorder);
            log.setLevel(before);
        }

        assertEquals(List.of(Level.SEVERE, Level.FINE, Level.SEVERE, Level.SEVERE),
                logged.stream().map(LogRecord::getLevel).toList(), "first sight, retry, new reason, next run");
        assertTrue(logged.get(1).getMessage().contains("(still)"), logged.get(1).getMessage());
        assertEquals(4, state(kind).attempts());
    }

    /**
     * The overview counts each kind by state (due, under an attempt, failing, in conflict) and lists the failing
     * commands, those in conflict first, then the longest waiting. A kind of this test's own, as other tests leave
     * commands in the same database.
     */
    @Test
    void theOverviewCountsEachKindByStateAndListsFailingCommandsConflictsFirst() {
        String kind = "overview-" + UUID.randomUUID().toString().substring(0, 8);
        Outbox transactional = outbox.transactional();
        enqueue(kind, "due", now.minusSeconds(50), now.minusSeconds(50));
        enqueue(kind, "scheduled", now.minusSeconds(40), now.plus(Duration.ofDays(30)));
        enqueue(kind, "failing", now.minusSeconds(30), now.minusSeconds(30));
        enqueue(kind, "in-conflict", now.minusSeconds(20), now.minusSeconds(20));
        enqueue(kind, "under-attempt", now.minusSeconds(10), now.minusSeconds(10));
        assertTrue(transactional.retryLater(claimOf(kind, "failing", now.minusSeconds(5)), "the chain node is down",
                Optional.of(PENDING), now.plusSeconds(60)));
        assertTrue(withClock(now.minusSeconds(5)).conflicted(claimOf(kind, "in-conflict", now.minusSeconds(5)),
                "record anchored by another account", now.plus(OutboxRetryPolicy.MAXIMUM_DELAY)));
        claimOf(kind, "under-attempt", now.minusSeconds(1));

        OutboxOverview overview = transactional.overview(now, 10_000);
        assertEquals(now, overview.at());
        OutboxOverview.Kind counts = overview.kinds().stream().filter(k -> k.kind().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no entry for " + kind + ": " + overview.kinds()));
        assertEquals(new OutboxOverview.Kind(kind, 5, 1, 1, 2, 1, now.minusSeconds(50)), counts);

        List<OutboxOverview.FailingCommand> failing = overview.failing().stream()
                .filter(command -> command.kind().equals(kind)).toList();
        assertEquals(List.of(
                new OutboxOverview.FailingCommand(kind, "in-conflict", 1, now.minusSeconds(20),
                        now.plus(OutboxRetryPolicy.MAXIMUM_DELAY), false, "record anchored by another account",
                        now.minusSeconds(5)),
                new OutboxOverview.FailingCommand(kind, "failing", 1, now.minusSeconds(30), now.plusSeconds(60),
                        false, "the chain node is down", null)), failing);
        assertTrue(failing.get(0).inConflict());
        assertFalse(failing.get(1).inConflict());

        OutboxOverview cut = transactional.overview(now, 1);
        assertEquals(1, cut.failing().size(), "no more than asked for");
        assertTrue(cut.failingNotListed() >= 1, "and says how many it left out: " + cut.failingNotListed());
    }

    /** Queues a command of {@code kind} at {@code at}, due at {@code due}, in a transaction of its own. */
    private void enqueue(String kind, String subject, Instant at, Instant due) {
        TestPersistenceUnit.inTransaction(emf, em -> {
            OutboxTesting.joining(em, Clock.fixed(at, ZoneOffset.UTC)).enqueue(kind, subject, due);
            return null;
        });
    }

    private Outbox.Claim claimOf(String kind, String subject, Instant at) {
        return claimOf(kind, subject, at, "run-1");
    }

    private Outbox.Claim claimOf(String kind, String subject, Instant at, String run) {
        return outbox.transactional().claim(OutboxCommand.idOf(kind, subject), run, at,
                at.plus(OutboxRetryPolicy.LEASE)).orElseThrow(() -> new AssertionError(
                        "command " + subject + " could not be claimed at " + at));
    }

    /** The transactional outbox with its clock at {@code at} (a conflict records the time it was found). */
    private Outbox withClock(Instant at) {
        Outbox transactional = outbox.transactional();
        Beans.inject(transactional, Outbox.class, "clock", Clock.fixed(at, ZoneOffset.UTC));
        return transactional;
    }

    /** Queues this test's command at {@code at}, due at {@code due}, in a transaction of its own. */
    private void enqueue(Instant at, Instant due) {
        enqueue(KIND, subject, at, due);
    }

    /** This test's command, claimed at {@code at} by an attempt of run {@code run-1}. */
    private Outbox.Claim claim(Instant at) {
        return claim(at, "run-1");
    }

    private Outbox.Claim claim(Instant at, String run) {
        return claimOf(KIND, subject, at, run);
    }

    private OutboxTesting.CommandState state() {
        return state(KIND);
    }

    private OutboxTesting.CommandState state(String kind) {
        return outbox.state(kind, subject).orElseThrow(() -> new AssertionError("the command is not pending"));
    }

    private static CommandHandler handler(List<String> recorded) {
        return new CommandHandler() {
            @Override
            public String kind() {
                return KIND;
            }

            @Override
            public CommandOutcome carryOut(PendingCommand command) {
                throw new AssertionError("not carried out here");
            }

            @Override
            public void completed(String subject, CommandOutcome.Done done) {
                recorded.add(subject);
            }
        };
    }

    private CommandOutcome.Done done() {
        return new CommandOutcome.Done(Optional.empty(), null, now);
    }
}
