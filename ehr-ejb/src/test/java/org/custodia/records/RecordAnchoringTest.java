package org.custodia.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import javax.naming.Reference;

import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.Category;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.RecordAnchor;
import org.custodia.node.DependencyUnavailableException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The anchor outbox end to end outside the container: the anchoring service on the real schema, against the
 * in-memory registry, with a clock the test moves. A record is anchored exactly once whatever the chain does.
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
        assertEquals(AnchorStatus.PENDING, anchoring().attempt(record.id()));
        AnchorOutboxEntry entry = database.outboxEntry(record.id()).orElseThrow();
        assertEquals(1, entry.attempts());
        assertEquals(now.plus(AnchorRetryPolicy.delayAfter(1)), entry.nextAttemptAt());
        assertTrue(entry.lastError().contains("not answering"), entry.lastError());

        chain.mode(InMemoryChain.Mode.UP);
        assertEquals(AnchorStatus.PENDING, anchoring().attempt(record.id()), "not due yet: nothing sent");
        assertEquals(0, chain.anchorsSent());

        now = now.plus(AnchorRetryPolicy.delayAfter(1));
        assertEquals(AnchorStatus.ANCHORED, anchoring().attempt(record.id()));
        HealthRecord anchored = database.store().find(record.id()).orElseThrow();
        assertNotNull(anchored.anchorTransaction());
        assertTrue(database.outboxEntry(record.id()).isEmpty(), "the outbox entry is gone");
        assertEquals(AnchorStatus.ANCHORED, anchoring().attempt(record.id()), "a late retry changes nothing");
        assertEquals(1, chain.anchorsSent());
    }

    @Test
    void aTransactionWhoseAnswerWasLostIsFoundAfterARestartInsteadOfSentAgain() {
        HealthRecord record = database.queued(now);
        chain.mode(InMemoryChain.Mode.LOSE_ANSWER);
        assertEquals(AnchorStatus.PENDING, anchoring().attempt(record.id()));
        String pending = database.outboxEntry(record.id()).orElseThrow().pendingTransaction();
        assertNotNull(pending, "the transaction that may have been mined is remembered in the database");

        chain.mode(InMemoryChain.Mode.UP);
        now = now.plus(AnchorRetryPolicy.delayAfter(1));
        RecordAnchoring afterRestart = anchoring();
        assertEquals(AnchorStatus.ANCHORED, afterRestart.attempt(record.id()));
        assertEquals(pending, database.store().find(record.id()).orElseThrow().anchorTransaction());
        assertEquals(1, chain.anchorsSent(), "exactly one anchor transaction");
    }

    @Test
    void anAttemptInProgressKeepsOthersOffUntilItsLeaseEnds() {
        HealthRecord record = database.queued(now);
        assertTrue(database.store().claim(record.id(), now, now.plus(AnchorRetryPolicy.LEASE)).isPresent(),
                "an attempt that then crashed");
        assertEquals(AnchorStatus.PENDING, anchoring().attempt(record.id()));
        assertEquals(0, chain.anchorsSent());

        now = now.plus(AnchorRetryPolicy.LEASE);
        assertEquals(AnchorStatus.ANCHORED, anchoring().attempt(record.id()), "taken over when the lease ended");
        assertEquals(1, chain.anchorsSent());
    }

    @Test
    void anotherAnchorUnderTheRecordIdIsReportedAndRetriedRarely() {
        HealthRecord record = database.queued(now);
        chain.anchorAs(OTHER, RecordAnchor.original(Bytes32.fromHex(record.id()), Bytes32.fromHex(
                RecordsDatabase.PSEUDONYM), Bytes32.fromHex("11".repeat(32)), new Category("laboratory"),
                "application/pdf"));
        assertEquals(AnchorStatus.PENDING, anchoring().attempt(record.id()));
        AnchorOutboxEntry entry = database.outboxEntry(record.id()).orElseThrow();
        assertEquals(now.plus(AnchorRetryPolicy.MAXIMUM_DELAY), entry.nextAttemptAt());
        assertTrue(entry.lastError().contains(OTHER.toString()), entry.lastError());
    }

    @Test
    void downloadsAreCheckedAgainstTheHashOnChain() {
        HealthRecord record = database.queued(now);
        RecordAnchoring anchoring = anchoring();
        assertThrows(RecordIntegrityException.class, () -> anchoring.verifyOnChain(record.id(),
                record.envelopeHash()), "not on chain");
        anchoring.attempt(record.id());
        anchoring.verifyOnChain(record.id(), record.envelopeHash());

        byte[] otherHash = record.envelopeHash();
        otherHash[0] ^= 1;
        assertThrows(RecordIntegrityException.class, () -> anchoring.verifyOnChain(record.id(), otherHash));
        chain.mode(InMemoryChain.Mode.DOWN);
        DependencyUnavailableException down = assertThrows(DependencyUnavailableException.class,
                () -> anchoring.verifyOnChain(record.id(), record.envelopeHash()));
        assertTrue(down.getMessage().contains(record.id()), down.getMessage());
    }

    private RecordAnchoring anchoring() {
        RecordAnchoring anchoring = new RecordAnchoring();
        RecordsDatabase.inject(anchoring, RecordAnchoring.class, "ledger", new LedgerConnectionFactory() {
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
        });
        RecordsDatabase.inject(anchoring, RecordAnchoring.class, "store", database.store());
        RecordsDatabase.inject(anchoring, RecordAnchoring.class, "clock", Clock.fixed(now, ZoneOffset.UTC));
        return anchoring;
    }
}
