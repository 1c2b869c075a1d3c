package org.custodia.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.naming.Reference;

import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.Category;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.RecordAnchor;
import org.custodia.outbox.CommandHandler;
import org.custodia.outbox.CommandOutcome;
import org.custodia.outbox.OutboxRetryPolicy;
import org.custodia.outbox.OutboxTesting;
import org.custodia.outbox.OutboxWorker;
import org.custodia.outbox.PendingCommand;
import org.custodia.testing.Beans;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Anchors through the outbox end to end outside the container: the outbox worker and the anchor command on the
 * real schema, against the in-memory registry, with a clock the test moves. A record is anchored exactly once
 * whatever the chain does, and whatever run of the application was under way.
 */
class RecordAnchoringTest {

    private static final LedgerAddress US = LedgerAddress.fromHex("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    private static final LedgerAddress OTHER = LedgerAddress.fromHex("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");

    @TempDir
    static Path directory;

    private static RecordsDatabase database;

    private final InMemoryChain chain = new InMemoryChain(US);
    private Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @BeforeAll
    static void migrate() throws Exception {
        database = new RecordsDatabase(directory);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void aRecordStoredWhileTheChainIsDownIsAnchoredOnceWhenDue() {
        HealthRecord record = database.queued(now);
        chain.mode(InMemoryChain.Mode.DOWN);
        assertFalse(worker().attempt(commandOf(record)));
        assertEquals(AnchorStatus.PENDING, status(record));
        OutboxTesting.CommandState entry = database.anchorCommand(record.id()).orElseThrow();
        assertEquals(1, entry.attempts());
        assertEquals(now.plus(OutboxRetryPolicy.delayAfter(1)), entry.nextAttemptAt());
        assertTrue(entry.lastError().contains("not answering"), entry.lastError());
        assertNull(entry.leasedBy(), "a settled attempt holds no lease");

        chain.mode(InMemoryChain.Mode.UP);
        assertFalse(worker().attempt(commandOf(record)), "not due yet: nothing sent");
        assertEquals(0, chain.anchorsSent());

        now = now.plus(OutboxRetryPolicy.delayAfter(1));
        assertTrue(worker().attempt(commandOf(record)));
        assertEquals(AnchorStatus.ANCHORED, status(record));
        assertNotNull(database.store().find(record.id()).orElseThrow().anchorTransaction());
        assertTrue(database.anchorCommand(record.id()).isEmpty(), "the outbox command is gone");
        assertFalse(worker().attempt(commandOf(record)), "a late retry changes nothing");
        assertEquals(AnchorStatus.ANCHORED, status(record));
        assertEquals(1, chain.anchorsSent());
    }

    @Test
    void aTransactionWhoseAnswerWasLostIsFoundAfterARestartInsteadOfSentAgain() {
        HealthRecord record = database.queued(now);
        chain.mode(InMemoryChain.Mode.LOSE_ANSWER);
        assertFalse(worker().attempt(commandOf(record)));
        String pending = database.anchorCommand(record.id()).orElseThrow().pendingTransaction();
        assertNotNull(pending, "the transaction that may have been mined is remembered in the database");

        chain.mode(InMemoryChain.Mode.UP);
        now = now.plus(OutboxRetryPolicy.delayAfter(1));
        OutboxWorker afterRestart = worker();
        assertTrue(afterRestart.attempt(commandOf(record)));
        assertEquals(pending, database.store().find(record.id()).orElseThrow().anchorTransaction());
        assertEquals(1, chain.anchorsSent(), "exactly one anchor transaction");
    }

    @Test
    void anAttemptInProgressKeepsOthersOffUntilItsLeaseEnds() {
        HealthRecord record = database.queued(now);
        assertTrue(database.outbox().leaseFor(AnchorRecordCommand.KIND, record.id(), "a-hung-attempt", now,
                now.plus(OutboxRetryPolicy.LEASE)), "an attempt of this run that hangs");
        assertFalse(worker().attempt(commandOf(record)));
        assertEquals(0, chain.anchorsSent());

        now = now.plus(OutboxRetryPolicy.LEASE);
        assertTrue(worker().attempt(commandOf(record)), "taken over when the lease ended");
        assertEquals(1, chain.anchorsSent());
    }

    @Test
    void aLeaseLeftByAnEarlierRunIsReleasedWhenTheNextRunStarts() {
        HealthRecord record = database.queued(now);
        assertTrue(database.outbox().leaseFor(AnchorRecordCommand.KIND, record.id(), "a-stopped-run", now,
                now.plus(OutboxRetryPolicy.LEASE)), "an attempt that was under way when the server stopped");
        OutboxWorker nextRun = worker();
        assertFalse(nextRun.attempt(commandOf(record)), "leased: not due before the new run releases it");

        OutboxTesting.releaseEarlierLeases(nextRun);
        assertTrue(nextRun.attempt(commandOf(record)), "due at once, not after the lease");
        assertEquals(AnchorStatus.ANCHORED, status(record));
        assertEquals(1, chain.anchorsSent());
    }

    @Test
    void aStoppingWorkerWaitsForTheAttemptUnderWayAndStartsNoOther() throws Exception {
        HealthRecord record = database.queued(now);
        HealthRecord later = database.queued(now);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        AnchorRecordCommand anchors = anchorCommand();
        OutboxWorker worker = database.outbox().worker(Clock.fixed(now, ZoneOffset.UTC), new CommandHandler() {
            @Override
            public String kind() {
                return anchors.kind();
            }

            @Override
            public CommandOutcome carryOut(PendingCommand command) {
                started.countDown();
                await(proceed);
                return anchors.carryOut(command);
            }

            @Override
            public void completed(String subject, CommandOutcome.Done done) {
                anchors.completed(subject, done);
            }
        });
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> attempt = threads.submit(() -> worker.attempt(commandOf(record)));
            assertTrue(started.await(10, TimeUnit.SECONDS));
            Future<?> stop = threads.submit(() -> OutboxTesting.stop(worker));
            assertThrows(TimeoutException.class, () -> stop.get(300, TimeUnit.MILLISECONDS),
                    "the stop waits for the attempt under way");
            proceed.countDown();
            assertTrue(attempt.get(10, TimeUnit.SECONDS), "the attempt under way settles");
            stop.get(10, TimeUnit.SECONDS);
        } finally {
            proceed.countDown();
            threads.shutdownNow();
        }
        assertEquals(AnchorStatus.ANCHORED, status(record));
        assertFalse(worker.attempt(commandOf(later)), "no attempt starts once stopping");
        OutboxTesting.CommandState waiting = database.anchorCommand(later.id()).orElseThrow();
        assertNull(waiting.leasedBy());
        assertEquals(0, waiting.attempts(), "left due for the next run");
    }

    @Test
    void anotherAnchorUnderTheRecordIdIsReportedAndRetriedRarely() {
        HealthRecord record = database.queued(now);
        chain.anchorAs(OTHER, RecordAnchor.original(Bytes32.fromHex(record.id()), Bytes32.fromHex(
                RecordsDatabase.PSEUDONYM), Bytes32.fromHex("11".repeat(32)), new Category("laboratory"),
                "application/pdf"));
        assertFalse(worker().attempt(commandOf(record)));
        OutboxTesting.CommandState entry = database.anchorCommand(record.id()).orElseThrow();
        assertEquals(now.plus(OutboxRetryPolicy.MAXIMUM_DELAY), entry.nextAttemptAt());
        assertTrue(entry.lastError().contains(OTHER.toString()), entry.lastError());
    }

    @Test
    void downloadsAreCheckedAgainstTheHashOnChain() {
        HealthRecord record = database.queued(now);
        RecordAnchoring anchoring = anchoring();
        assertThrows(RecordIntegrityException.class, () -> anchoring.verifyOnChain(record.id(),
                record.envelopeHash()), "not on chain");
        worker().attempt(commandOf(record));
        anchoring.verifyOnChain(record.id(), record.envelopeHash());

        byte[] otherHash = record.envelopeHash();
        otherHash[0] ^= 1;
        assertThrows(RecordIntegrityException.class, () -> anchoring.verifyOnChain(record.id(), otherHash));
        chain.mode(InMemoryChain.Mode.DOWN);
        DependencyUnavailableException down = assertThrows(DependencyUnavailableException.class,
                () -> anchoring.verifyOnChain(record.id(), record.envelopeHash()));
        assertTrue(down.getMessage().contains(record.id()), down.getMessage());
    }

    private static String commandOf(HealthRecord record) {
        return OutboxTesting.idOf(AnchorRecordCommand.KIND, record.id());
    }

    private AnchorStatus status(HealthRecord record) {
        return database.store().find(record.id()).orElseThrow().anchorStatus();
    }

    /** A new run's worker with the anchor handler, its clock at {@code now}. */
    private OutboxWorker worker() {
        return database.outbox().worker(Clock.fixed(now, ZoneOffset.UTC), anchorCommand());
    }

    private AnchorRecordCommand anchorCommand() {
        AnchorRecordCommand command = new AnchorRecordCommand();
        Beans.inject(command, AnchorRecordCommand.class, "ledger", ledger());
        Beans.inject(command, AnchorRecordCommand.class, "store", database.store());
        Beans.inject(command, AnchorRecordCommand.class, "clock", Clock.fixed(now, ZoneOffset.UTC));
        return command;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private RecordAnchoring anchoring() {
        RecordAnchoring anchoring = new RecordAnchoring();
        Beans.inject(anchoring, RecordAnchoring.class, "ledger", ledger());
        return anchoring;
    }

    private LedgerConnectionFactory ledger() {
        return new LedgerConnectionFactory() {
            @Override
            public LedgerConnection getConnection() {
                return chain;
            }

            @Override
            public void setReference(Reference reference) {
            }

            @Override
            public Reference getReference() {
                return null;
            }
        };
    }
}
