package org.custodia.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.custodia.ledger.api.AnchoredAuditHead;
import org.custodia.ledger.api.AuditHead;
import org.custodia.outbox.OutboxTesting;
import org.custodia.outbox.OutboxWorker;
import org.custodia.testing.Beans;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sealed head queued in the outbox and anchored on chain, on the migrated schema (H2). */
class AuditAnchoringTest {

    private static final Duration INTERVAL = Duration.ofMinutes(10);
    private static final String COMMAND = OutboxTesting.idOf(AnchorAuditHeadCommand.KIND,
            AnchorAuditHeadCommand.SUBJECT);

    @TempDir
    Path directory;

    private final InMemoryAuditHeads chain = new InMemoryAuditHeads();
    private AuditDatabase database;
    private AuditTrail trail;
    private OutboxWorker worker;

    @BeforeEach
    void open() {
        database = new AuditDatabase(directory);
        trail = database.trail();
        AnchorAuditHeadCommand command = new AnchorAuditHeadCommand();
        Beans.inject(command, AnchorAuditHeadCommand.class, "ledger", chain.ledger());
        Beans.inject(command, AnchorAuditHeadCommand.class, "trail", trail);
        worker = database.outbox().worker(Clock.systemUTC(), command);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void theSealedHeadIsQueuedThenAnchoredOnChain() {
        long head = database.sealed(3);

        assertTrue(trail.requestAnchor(INTERVAL));
        assertTrue(queued(), "queued in the outbox");
        assertEquals(head, trail.anchorRequested());
        assertTrue(worker.attempt(COMMAND));

        assertEquals(List.of(trail.sealedHead(head).orElseThrow()), anchoredHeads());
        assertFalse(queued(), "done and removed");
    }

    @Test
    void anUnchangedHeadIsNotQueuedAgainAndAMovedOneAtMostOncePerInterval() {
        database.sealed(2);
        assertTrue(trail.requestAnchor(Duration.ZERO));
        assertTrue(worker.attempt(COMMAND));

        assertFalse(trail.requestAnchor(Duration.ZERO), "the head did not move");
        assertFalse(queued());
        long moved = database.sealed(1);
        assertFalse(trail.requestAnchor(INTERVAL), "the last request is more recent than the interval");
        assertFalse(queued());
        assertTrue(trail.requestAnchor(Duration.ZERO));
        assertTrue(worker.attempt(COMMAND));

        assertEquals(2, chain.heads().size());
        assertEquals(moved, chain.heads().get(1).head().sequence());
    }

    @Test
    void aRestartDoesNotQueueTheHeadQueuedBefore() {
        database.sealed(2);
        assertTrue(trail.requestAnchor(Duration.ZERO));
        assertTrue(worker.attempt(COMMAND));
        database.close();

        database = new AuditDatabase(directory);
        assertFalse(database.trail().requestAnchor(Duration.ZERO), "what was queued is kept in the database");
        assertEquals(1, chain.anchorsSent());
    }

    @Test
    void headsQueuedWhileTheChainNodeIsDownGoOutAsOneAnchorOfTheNewest() {
        database.sealed(2);
        assertTrue(trail.requestAnchor(Duration.ZERO));
        chain.mode(InMemoryAuditHeads.Mode.DOWN);
        assertFalse(worker.attempt(COMMAND), "retried later");
        long newest = database.sealed(2);
        assertTrue(trail.requestAnchor(Duration.ZERO), "makes the waiting command due at once");

        chain.mode(InMemoryAuditHeads.Mode.UP);
        assertTrue(worker.attempt(COMMAND));
        assertEquals(List.of(trail.sealedHead(newest).orElseThrow()), anchoredHeads());
        assertEquals(1, chain.anchorsSent());
    }

    private boolean queued() {
        return database.outbox().state(AnchorAuditHeadCommand.KIND, AnchorAuditHeadCommand.SUBJECT).isPresent();
    }

    private List<AuditHead> anchoredHeads() {
        return chain.heads().stream().map(AnchoredAuditHead::head).toList();
    }
}
