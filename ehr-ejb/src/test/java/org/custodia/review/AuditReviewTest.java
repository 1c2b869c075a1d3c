package org.custodia.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.custodia.access.Actor;
import org.custodia.access.AuditedCallRunner;
import org.custodia.audit.AuditChainReport;
import org.custodia.audit.AuditFilter;
import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditRecord;
import org.custodia.audit.AuditTrail;
import org.custodia.audit.AuditTrailCheck;
import org.custodia.audit.AuditedAction;
import org.custodia.kernel.Given;
import org.custodia.kernel.InvalidInputException;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.journal.ChainEventJournal;
import org.custodia.ledger.journal.EventQuery;
import org.custodia.ledger.journal.JournaledEvent;
import org.custodia.kernel.StaffRole;
import org.custodia.testing.Beans;
import org.custodia.testing.FakeChain;
import org.custodia.testing.RecordingAuditTrail;
import org.junit.jupiter.api.Test;

/**
 * A review reads a page at a time, each from the position of the previous page's last entry, and names the entry the
 * next page starts before; its own audit entry states what was typed only where the trail holds it already.
 */
class AuditReviewTest {

    private static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
    private static final Actor OFFICER = new Actor("p.officer", Set.of(StaffRole.PRIVACY_OFFICER));

    private static final String SELF = "0x" + "a1".repeat(20);

    private final PagedTrail trail = new PagedTrail(5);
    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private final List<EventQuery> asked = new ArrayList<>();
    /** The journal's answer to each query: another hospital's access log of the record, in block 5. */
    private final ChainEventJournal journal = new ChainEventJournal() {
        @Override
        public Optional<JournaledEvent> find(EventQuery query) {
            asked.add(query);
            boolean another = query.transaction() == null && query.actor() == null && query.counterpart() == null;
            return another ? Optional.of(new JournaledEvent(5, 0, "0x" + "b5".repeat(32), "0x" + "c5".repeat(32),
                    "0x" + "cc".repeat(20), query.name(), "0x" + "90".repeat(20), "0x" + "c3".repeat(20),
                    query.subject(), FROM, 1)) : Optional.empty();
        }
    };

    @Test
    void aPageAsksTheTrailForOneEntryMoreThanItShowsAndNamesItsLastAsWhereTheNextStarts() throws Exception {
        AuditPage first = search(null, 2);

        assertEquals(trail.entries.subList(0, 2), first.entries().stream().map(ReviewedEntry::entry).toList());
        assertEquals(3, trail.askedLimit, "one more than shown, to know whether an older page follows");
        assertEquals(Optional.of(trail.entries.get(1).id()), first.nextBefore());

        AuditPage last = search(first.nextBefore().orElseThrow(), 3);
        assertEquals(trail.entries.get(1), trail.askedOlderThan, "read from the position of the entry named");
        assertEquals(trail.entries.subList(2, 5), last.entries().stream().map(ReviewedEntry::entry).toList());
        assertEquals(Optional.empty(), last.nextBefore(), "nothing older: no next page");
        assertEquals("filter before " + trail.entries.get(1).id() + ": 3 entries",
                audit.entries().get(audit.entries().size() - 1).detail());
        assertEquals("filter: 2 entries (older ones follow)", audit.entries().get(0).detail());
    }

    @Test
    void aLimitOutsideOneToAPageOrAnEntryNotInTheTrailIsRefusedAndAudited() {
        for (int limit : new int[] {0, AuditReview.MAX_PAGE + 1}) {
            InvalidInputException refusal = assertThrows(InvalidInputException.class, () -> search(null, limit));
            assertEquals("limit must be 1 to " + AuditReview.MAX_PAGE, refusal.getMessage());
        }
        InvalidInputException unknown = assertThrows(InvalidInputException.class,
                () -> search(UUID.randomUUID(), 10));
        assertTrue(unknown.getMessage().startsWith("before names no entry of this node's audit trail"),
                unknown.getMessage());
        assertEquals(0, trail.searches, "nothing read");
        assertEquals(List.of(AuditOutcome.REFUSED, AuditOutcome.REFUSED, AuditOutcome.REFUSED),
                audit.entries().stream().map(AuditRecord::outcome).toList());
    }

    @Test
    void aSearchThatFoundEntriesIsStatedAsTyped() {
        AuditFilter filter = new AuditFilter("dr.house", "record.download", "5f0e7c8a-3b1d-4f6e-9a2b-1c3d4e5f6a7b",
                FROM, null);

        assertEquals("filter actor=dr.house action=record.download subject=5f0e7c8a-3b1d-4f6e-9a2b-1c3d4e5f6a7b from="
                + FROM, AuditReview.describe(filter, 3));
    }

    /** A criterion longer than any the trail holds is refused before the trail is read. */
    @Test
    void aCriterionLongerThanAnyInTheTrailIsRefusedBeforeTheTrailIsRead() {
        AuditFilter filter = new AuditFilter(null, null, "x".repeat(AuditReview.MAX_CRITERION_LENGTH + 1), null, null);

        InvalidInputException refusal = assertThrows(InvalidInputException.class,
                () -> new AuditReview().search(Given.of(filter), Given.of(null), Given.of(10)));

        assertTrue(refusal.getMessage().startsWith("the subject to search for is longer"), refusal.getMessage());
    }

    /**
     * An action the trail never records (upper case, misspelt, or text typed into the wrong field) found nothing,
     * which a privacy officer reads as "no such access"; it is refused instead, without quoting what was sent.
     */
    @Test
    void anActionTheTrailNeverRecordsIsRefusedBeforeTheTrailIsRead() {
        for (String action : new String[] {"RECORD.DOWNLOAD", "record.downlaod", "756.1234.5678.97"}) {
            AuditFilter filter = new AuditFilter(null, action, null, null, null);

            InvalidInputException refusal = assertThrows(InvalidInputException.class,
                    () -> new AuditReview().search(Given.of(filter), Given.of(null), Given.of(10)), action);

            assertTrue(refusal.getMessage().startsWith("action is not the code of an action"), refusal.getMessage());
            assertFalse(refusal.getMessage().contains(action), refusal.getMessage());
        }
    }

    /** A national id or a name typed into the search boxes finds nothing: only its length reaches the trail. */
    @Test
    void aSearchThatFoundNothingStatesOnlyTheLengthOfWhatWasTyped() {
        AuditFilter filter = new AuditFilter("Jane Doe", null, "756.1234.5678.97", FROM, null);

        assertEquals("filter actor=(8 characters, not shown: nothing found) subject=(16 characters, not shown: nothing "
                + "found) from=" + FROM, AuditReview.describe(filter, 0));
    }

    /**
     * A check whose anchors could not be read says so in its own entry: before, the entry read "no head anchored on
     * chain yet", a statement about the chain that hid that the trail was not compared with it.
     */
    @Test
    void aCheckThatCouldNotReadTheAnchorsSaysSoInItsEntry() throws Exception {
        AuditReview review = new AuditReview();
        Beans.inject(review, AuditReview.class, "check", new AuditTrailCheck() {
            @Override
            public AuditChainReport verify() {
                return new AuditChainReport(12, 12, -1, null, 0, 0, 0, null, "the chain node did not answer");
            }
        });

        AuditedCallRunner.run(audit, OFFICER, AuditedAction.AUDIT_VERIFY, null, review::verify);

        assertEquals("12 sealed entries intact; the heads anchored on chain could not be read, so the trail was not "
                + "compared with them (the chain node did not answer)", audit.entries().get(0).detail());
    }

    private AuditPage search(UUID before, int limit) throws Exception {
        AuditReview review = new AuditReview();
        Beans.inject(review, AuditReview.class, "trail", trail);
        Beans.inject(review, AuditReview.class, "ledger",
                new FakeChain().answering("account", arguments -> LedgerAddress.fromHex(SELF)));
        Beans.inject(review, AuditReview.class, "journal", journal);
        return AuditedCallRunner.run(audit, OFFICER, AuditedAction.AUDIT_REVIEW, null,
                () -> review.search(Given.of(new AuditFilter(null, null, null, null, null)), Given.of(before),
                        Given.of(limit)));
    }

    /**
     * An access entry's evidence is this node's own access log, in the transaction the entry names; the chain holding
     * only another hospital's access of the record shows as differing (it was shown as matching).
     */
    @Test
    void anAccessEntryMatchesOnlyThisNodesOwnAccessLog() throws Exception {
        String record = "ab".repeat(32);
        String transaction = "0x" + "7a".repeat(32);
        trail.entries.clear();
        trail.entries.add(new AuditRecord(UUID.randomUUID(), FROM, "d.ross",
                AuditedAction.SHARED_RECORD_ACCESS_LOGGED.code(), record, AuditOutcome.SUCCEEDED,
                "proxy Proxy logged the access in " + transaction + "; basis grant 1"));

        ChainEvidence evidence = search(null, 1).entries().get(0).evidence();

        assertEquals(ChainEvidence.Status.DIFFERS, evidence.status());
        assertEquals(5, evidence.blockNumber());
        assertEquals(List.of(new EventQuery("AccessLogged", "0x" + record, transaction, null, SELF),
                EventQuery.of("AccessLogged", "0x" + record)), asked);
    }

    /** A trail of downloads (no chain counterpart), newest first, that notes what it was asked. */
    private static final class PagedTrail extends AuditTrail {

        final List<AuditRecord> entries = new ArrayList<>();
        AuditRecord askedOlderThan;
        int askedLimit;
        int searches;

        PagedTrail(int count) {
            for (int i = 0; i < count; i++) {
                entries.add(new AuditRecord(UUID.randomUUID(), FROM.minusSeconds(i), "d.ross", "record.download",
                        "record-" + i, AuditOutcome.SUCCEEDED, "served"));
            }
        }

        @Override
        public Optional<AuditRecord> find(UUID id) {
            return entries.stream().filter(entry -> entry.id().equals(id)).findFirst();
        }

        @Override
        public List<AuditRecord> search(AuditFilter filter, AuditRecord olderThan, int limit) {
            searches++;
            askedOlderThan = olderThan;
            askedLimit = limit;
            int from = olderThan == null ? 0 : entries.indexOf(olderThan) + 1;
            return entries.subList(from, Math.min(entries.size(), from + limit));
        }
    }
}
