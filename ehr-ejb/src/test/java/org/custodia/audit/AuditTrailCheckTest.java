package org.custodia.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.custodia.ledger.api.AnchoredAuditHead;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerUnavailableException;
import org.custodia.outbox.OutboxTesting;
import org.custodia.outbox.OutboxWorker;
import org.custodia.testing.Beans;
import org.custodia.testing.FakeChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trail checked against the heads anchored on chain: someone who rewrites an entry in the database and rebuilds
 * the hash chain after it passes the hash chain's own check, and is found at the first anchored head after the
 * entry. Heads are anchored the way the node anchors them: queued, then carried out by the outbox. One check runs at
 * a time.
 */
class AuditTrailCheckTest {

    @TempDir
    Path directory;

    private final InMemoryAuditHeads chain = new InMemoryAuditHeads();
    private final AuditTrailCheck check = new AuditTrailCheck();
    private AuditDatabase database;
    private OutboxWorker worker;

    @BeforeEach
    void open() {
        database = new AuditDatabase(directory);
        AnchorAuditHeadCommand command = new AnchorAuditHeadCommand();
        Beans.inject(command, AnchorAuditHeadCommand.class, "ledger", chain.ledger());
        Beans.inject(command, AnchorAuditHeadCommand.class, "trail", database.trail());
        worker = database.outbox().worker(Clock.systemUTC(), command);
        Beans.inject(check, AuditTrailCheck.class, "ledger", chain.ledger());
        Beans.inject(check, AuditTrailCheck.class, "trail", database.trail());
    }

    @AfterEach
    void close() {
        database.close();
    }

    /** Seals {@code count} new entries and anchors the head; returns its sequence. */
    private long sealAndAnchor(int count) {
        long head = database.sealed(count);
        assertTrue(database.trail().requestAnchor(Duration.ZERO));
        assertTrue(worker.attempt(OutboxTesting.idOf(AnchorAuditHeadCommand.KIND, AnchorAuditHeadCommand.SUBJECT)));
        return head;
    }

    @Test
    void aTrailWithoutAnchorsIsCheckedByItsHashChainAlone() {
        database.sealed(2);
        AuditChainReport report = check.verify();
        assertTrue(report.intact(), report.problem());
        assertEquals(0, report.anchored());
        assertNull(report.anchoredAt());
    }

    @Test
    void aTrailMatchingItsAnchorsIsIntactAndNamesTheNewestAnchor() {
        sealAndAnchor(3);
        long newest = sealAndAnchor(3);
        database.sealed(2);

        AuditChainReport report = check.verify();
        assertTrue(report.intact(), report.problem());
        assertEquals(newest + 2, report.head());
        assertEquals(newest, report.anchored());
        AnchoredAuditHead anchor = chain.heads().get(1);
        assertEquals(anchor.blockNumber(), report.anchoredBlock());
        assertEquals(anchor.anchoredAt(), report.anchoredAt());
    }

    @Test
    void aHashChainRebuiltAfterAnEntryWasRewrittenHoldsInTheDatabaseButNotAgainstTheAnchors() {
        long first = sealAndAnchor(3);
        long second = sealAndAnchor(3);
        long third = sealAndAnchor(3);
        database.sealed(2);

        database.rewriteAndReseal(first + 2, "nothing happened");
        assertTrue(database.trail().verify().intact(), "the rebuilt hash chain holds on its own");

        AuditChainReport report = check.verify();
        assertFalse(report.intact());
        assertEquals(second, report.brokenAt(), report.problem());
        assertTrue(report.problem().startsWith("entry " + second + " differs from the head anchored on chain in block "
                + chain.heads().get(1).blockNumber()), report.problem());
        assertTrue(report.problem().endsWith("entries up to " + first + " still match the head anchored in block "
                + chain.heads().get(0).blockNumber()), report.problem());
        assertEquals(third, report.anchored());
    }

    /**
     * The patient an entry is indexed under is not sealed, being read from the sealed detail: erased or changed in
     * the database (to hide an upload from a review by patient id), the check finds it.
     */
    @Test
    void anUploadsPatientIndexErasedOrChangedIsFound() {
        String patient = UUID.randomUUID().toString();
        database.trail().record("p.phys", AuditedAction.RECORD_UPLOAD, "record-1", AuditOutcome.SUCCEEDED,
                NamedPatient.detail(UUID.fromString(patient), "category laboratory, 10 bytes"));
        long upload = database.sealed(1) - 1;
        assertTrue(check.verify().intact(), check.verify().problem());

        for (String index : new String[] {null, UUID.randomUUID().toString()}) {
            database.reindexPatient(upload, index);
            AuditChainReport report = check.verify();
            assertFalse(report.intact());
            assertEquals(upload, report.brokenAt());
            assertTrue(report.problem().contains("indexed under another patient than its detail names"),
                    report.problem());
        }
        database.reindexPatient(upload, patient);
        assertTrue(check.verify().intact(), check.verify().problem());
    }

    @Test
    void rewritingTheFirstEntryIsFoundAtTheFirstAnchor() {
        long first = sealAndAnchor(2);
        sealAndAnchor(2);
        sealAndAnchor(2);

        database.rewriteAndReseal(1, "nothing happened");

        AuditChainReport report = check.verify();
        assertEquals(first, report.brokenAt(), report.problem());
        assertFalse(report.problem().contains("still match"), report.problem());
    }

    /**
     * An anchored entry rewritten and the hash chain rebuilt, more entries sealed and the next anchor due: nothing is
     * anchored over the rewritten trail (the outbox holds the anchor in conflict), so the check still finds the
     * rewrite. Before, the next anchor vouched for the rebuilt trail, and the check, which trusts the older anchors
     * when the newest matches, reported it intact.
     */
    @Test
    void aTrailRewrittenBelowItsNewestAnchorIsNotAnchoredOver() {
        long first = sealAndAnchor(2);
        long second = sealAndAnchor(2);
        database.rewriteAndReseal(first, "nothing happened");

        database.sealed(2);
        assertTrue(database.trail().requestAnchor(Duration.ZERO));
        assertFalse(worker.attempt(OutboxTesting.idOf(AnchorAuditHeadCommand.KIND, AnchorAuditHeadCommand.SUBJECT)),
                "the anchor is not done");
        OutboxTesting.CommandState anchor = database.outbox().state(AnchorAuditHeadCommand.KIND,
                AnchorAuditHeadCommand.SUBJECT).orElseThrow();
        assertNotNull(anchor.conflictSince(), "in conflict, not retried as a failure: " + anchor);
        assertTrue(anchor.lastError().startsWith("audit entry " + second + " differs from the head anchored"),
                anchor.lastError());

        assertEquals(2, chain.heads().size(), "nothing anchored over the rewritten trail");
        AuditChainReport report = check.verify();
        assertFalse(report.intact(), "the rewrite is found");
        assertEquals(first, report.brokenAt(), report.problem());
    }

    @Test
    void entriesDeletedBackToBeforeTheNewestAnchorAreReportedMissing() {
        long first = sealAndAnchor(3);
        long second = sealAndAnchor(3);

        database.truncateAfter(first + 1);
        assertTrue(database.trail().verify().intact(), "the shortened hash chain holds on its own");

        AuditChainReport report = check.verify();
        assertEquals(second, report.brokenAt(), report.problem());
        assertTrue(report.problem().contains("is missing"), report.problem());
        assertTrue(report.problem().contains("entries up to " + first + " still match"), report.problem());
    }

    /**
     * An entry deleted, with the head row set back to the entry before it and the later entries, the newest anchored
     * one among them, left as they were: the hash chain holds up to the head, and the newest anchor still matches its
     * row. Before, the check reported the trail intact.
     */
    @Test
    void aHeadSetBackBelowTheNewestAnchorIsFound() {
        long first = sealAndAnchor(3);
        long second = sealAndAnchor(3);

        database.deleteAndSetHeadBack(first + 1);
        assertTrue(database.trail().verify().intact(), "the hash chain up to the head holds on its own");

        AuditChainReport report = check.verify();
        assertFalse(report.intact());
        assertEquals(first + 1, report.brokenAt(), report.problem());
        assertTrue(report.problem().startsWith("entry " + second + " was anchored on chain in block "
                + chain.heads().get(1).blockNumber() + ", but the trail's head in the database is entry " + first),
                report.problem());
    }

    @Test
    void anEntryRewrittenAfterTheNewestAnchorIsProtectedByTheHashChainOnly() {
        long anchored = sealAndAnchor(3);
        database.sealed(2);

        database.rewriteAndReseal(anchored + 1, "nothing happened");

        AuditChainReport report = check.verify();
        assertTrue(report.intact(), "what the anchors cannot prove: " + report.problem());
        assertEquals(anchored, report.anchored());
    }

    @Test
    void aSecondCheckWhileOneRunsIsRefusedAndTheNextOneRuns() {
        sealAndAnchor(2);
        List<RuntimeException> refusals = new ArrayList<>();
        AuditTrailCheck meanwhile = new AuditTrailCheck();
        Beans.inject(meanwhile, AuditTrailCheck.class, "ledger", chain.ledger());
        Beans.inject(meanwhile, AuditTrailCheck.class, "trail", database.trail());
        // the first check's chain node asks for a second check while it answers: it runs on this thread, in the
        // first one's slot
        Beans.inject(check, AuditTrailCheck.class, "ledger", new FakeChain().answering("account", arguments -> {
            refusals.add(assertThrows(AuditCheckUnderWayException.class, meanwhile::verify));
            return LedgerAddress.fromHex("0x" + "a1".repeat(20));
        }).answering("auditHeadCount", arguments -> {
            throw new LedgerUnavailableException("the chain node stops here", null);
        }));

        assertTrue(check.verify().intact());

        assertEquals(1, refusals.size());
        assertEquals(Duration.ofSeconds(10), ((AuditCheckUnderWayException) refusals.get(0)).retryAfter());
        assertTrue(meanwhile.verify().intact(), "once the first ended, a check runs");
    }

    @Test
    void withoutTheChainNodeTheHashChainAloneIsCheckedAndTheReportSaysSo() {
        long anchored = sealAndAnchor(2);
        chain.mode(InMemoryAuditHeads.Mode.DOWN);

        AuditChainReport unread = check.verify();
        assertTrue(unread.intact(), String.valueOf(unread.problem()));
        assertEquals(0, unread.anchored(), "no anchor is claimed that was not read");
        assertTrue(unread.anchorsUnread().contains("not answering"), unread.anchorsUnread());

        database.rewriteAndReseal(anchored, "rewritten while the chain node is down");
        AuditChainReport consistent = check.verify();
        assertTrue(consistent.intact(), "a consistently rebuilt chain is only caught against the anchors");
        assertTrue(consistent.anchorsUnread() != null, "and the report says they were not read");
    }
}
