package org.custodia.consortium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.custodia.access.Actor;
import org.custodia.access.AuditedCallRunner;
import org.custodia.audit.AuditedAction;
import org.custodia.kernel.ChainListPage;
import org.custodia.kernel.Given;
import org.custodia.kernel.NodeSettings;
import org.custodia.kernel.StaffRole;
import org.custodia.keys.WrappedKeyPair;
import org.custodia.ledger.api.AccessBasis;
import org.custodia.ledger.api.AccessScope;
import org.custodia.ledger.api.AnchoredRecord;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.Category;
import org.custodia.ledger.api.Grant;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.RecordAnchor;
import org.custodia.patients.PatientCustody;
import org.custodia.patients.PatientRegistry;
import org.custodia.patients.Pseudonym;
import org.custodia.records.RecordService;
import org.custodia.testing.Beans;
import org.custodia.testing.FakeChain;
import org.custodia.testing.RecordingAuditTrail;
import org.junit.jupiter.api.Test;

/**
 * A patient's records across the consortium, with this node's access to each as the chain says. The chain is a fake
 * connection (no chain node runs here), the patients and the records kept here stand-ins.
 */
class ConsortiumDirectoryTest {

    private static final LedgerAddress THIS_HOSPITAL = LedgerAddress.fromHex("0x" + "a1".repeat(20));
    private static final LedgerAddress OTHER_HOSPITAL = LedgerAddress.fromHex("0x" + "b2".repeat(20));
    private static final Bytes32 PSEUDONYM = Bytes32.fromHex("d4".repeat(32));

    private final PatientCustody patient = new PatientCustody(UUID.randomUUID(), new Pseudonym("d4".repeat(32)),
            new WrappedKeyPair() {
            });
    private final Instant expiresAt = Instant.now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS);
    private List<Bytes32> records = numbered(3);
    private Set<String> keptHere = Set.of();
    private final List<List<String>> askedHere = new ArrayList<>();
    private final List<List<Long>> partsRead = new ArrayList<>();
    private RecordingAuditTrail audit;
    private final FakeChain chain = new FakeChain()
            .answering("account", arguments -> THIS_HOSPITAL)
            .answering("members", arguments -> List.of())
            .answering("recordCountOfPatient", arguments -> (long) records.size())
            .answering("recordsOfPatient", arguments -> part((long) arguments[1], (int) arguments[2]))
            .answering("findRecord", arguments -> Optional.of(new AnchoredRecord(new RecordAnchor(
                    (Bytes32) arguments[0], PSEUDONYM, Bytes32.fromHex("ee".repeat(32)), new Category("laboratory"),
                    "application/pdf", Optional.empty()), OTHER_HOSPITAL, Instant.EPOCH)))
            .answering("checkAccess", arguments -> new AccessBasis(AccessBasis.Kind.GRANT, 5))
            .answering("findGrant", arguments -> Optional.of(new Grant(5, AccessScope.allRecords(PSEUDONYM),
                    OTHER_HOSPITAL, THIS_HOSPITAL, "TREATMENT", Instant.EPOCH, expiresAt, Optional.empty(),
                    OptionalLong.empty())));

    @Test
    void aGrantCoveringManyRecordsIsReadOnceForItsExpiry() throws Exception {
        ChainListPage<ConsortiumRecord> listed = list(null, ChainListPage.Window.of(null, null));

        assertEquals(3, listed.entries().size());
        listed.entries().forEach(record -> assertEquals(new ReadAccess(AccessBasis.Kind.GRANT, 5L, expiresAt, null),
                record.access()));
        assertEquals(1, calls("findGrant"));
        assertEquals(3, calls("checkAccess"), "each record's access is still the chain's word");
    }

    @Test
    void aPageReadsItsOwnPartOfThePatientsListAndItsOwnRecordsNewestFirst() throws Exception {
        records = numbered(250);

        ChainListPage<ConsortiumRecord> newest = list(null, ChainListPage.Window.of(null, 20));
        assertEquals(ids(250, 231), recordIds(newest));
        assertEquals(Optional.of(231L), newest.nextBefore(), "the next page starts below the last one shown");
        assertEquals(List.of(List.of(230L, 20L)), partsRead, "one read of the page's part of the list");
        assertEquals(1, calls("recordCountOfPatient"));
        assertEquals(20, calls("findRecord"), "only the page's records are read");
        assertEquals(20, calls("checkAccess"));
        assertEquals("20 of 250 records on chain", audit.only().detail());

        ChainListPage<ConsortiumRecord> older = list(null, ChainListPage.Window.of(231L, 20));
        assertEquals(ids(230, 211), recordIds(older));
        assertEquals(Optional.of(211L), older.nextBefore());

        ChainListPage<ConsortiumRecord> oldest = list(null, ChainListPage.Window.of(11L, 10));
        assertEquals(ids(10, 1), recordIds(oldest));
        assertEquals(Optional.empty(), oldest.nextBefore(), "a page that ends with the first record is the last");
        assertEquals(ids(250, 201), recordIds(list(null, ChainListPage.Window.of(9_999L, 50))),
                "a start past the newest record is the newest page");
    }

    @Test
    void keptSelectsByWhatThisNodeKeepsBeforeAnyRecordIsReadFromTheChain() throws Exception {
        records = numbered(6);
        keptHere = Set.of(hex(6), hex(4), hex(1));

        ChainListPage<ConsortiumRecord> notKept = list(false, ChainListPage.Window.of(null, 2));
        assertEquals(List.of(hex(5), hex(3)), recordIds(notKept));
        assertEquals(Optional.of(3L), notKept.nextBefore());
        assertEquals(2, calls("findRecord"), "records kept here are skipped without a chain read");
        ChainListPage<ConsortiumRecord> rest = list(false, ChainListPage.Window.of(3L, 2));
        assertEquals(List.of(hex(2)), recordIds(rest));
        assertEquals(Optional.empty(), rest.nextBefore(), "no record below it is missing here");

        ChainListPage<ConsortiumRecord> kept = list(true, ChainListPage.Window.of(null, 3));
        assertEquals(List.of(hex(6), hex(4), hex(1)), recordIds(kept));
        assertEquals(Optional.empty(), kept.nextBefore(), "a full page with nothing left after it is the last");
        assertTrue(kept.entries().stream().allMatch(ConsortiumRecord::received), "kept from another custodian");
        assertTrue(notKept.entries().stream().noneMatch(ConsortiumRecord::received));
    }

    @Test
    void withoutAFilterOnlyThePagesRecordsAreLookedUpHere() throws Exception {
        records = numbered(300);
        keptHere = Set.of(hex(299), hex(7));

        ChainListPage<ConsortiumRecord> page = list(null, ChainListPage.Window.of(null, 3));

        assertEquals(List.of(false, true, false), page.entries().stream().map(ConsortiumRecord::received).toList());
        assertEquals(List.of(List.of(hex(300), hex(299), hex(298))), askedHere, "one look-up, for the page alone");
    }

    @Test
    void aFilteredPageReadsTheListAThousandIdsAtATimeUntilItIsFull() throws Exception {
        records = numbered(2_500);
        keptHere = new HashSet<>(ids(2_500, 1_201));

        ChainListPage<ConsortiumRecord> page = list(false, ChainListPage.Window.of(null, 2));

        assertEquals(List.of(hex(1_200), hex(1_199)), recordIds(page));
        assertEquals(Optional.of(1_199L), page.nextBefore(), "1,198 is not kept either");
        assertEquals(List.of(List.of(1_500L, 1_000L), List.of(500L, 1_000L)), partsRead,
                "the newest thousand, all kept here, then the next");
        assertEquals(List.of(1_000, 1_000), askedHere.stream().map(List::size).toList());
    }

    @Test
    void aFilteredPageFullAtTheEndOfAReadNamesANextStartWithoutReadingFurther() throws Exception {
        records = numbered(1_100);
        keptHere = new HashSet<>(ids(1_098, 1));

        ChainListPage<ConsortiumRecord> page = list(false, ChainListPage.Window.of(null, 2));
        assertEquals(List.of(hex(1_100), hex(1_099)), recordIds(page));
        assertEquals(Optional.of(1_099L), page.nextBefore(), "older records are left, unread");
        assertEquals(List.of(List.of(100L, 1_000L)), partsRead);

        ChainListPage<ConsortiumRecord> next = list(false, ChainListPage.Window.of(1_099L, 2));
        assertEquals(List.of(), next.entries(), "none of them is missing here");
        assertEquals(Optional.empty(), next.nextBefore());
        assertEquals(List.of(List.of(98L, 1_000L), List.of(0L, 98L)), partsRead);
    }

    /**
     * However many records the chain lists for the patient (any member can anchor under a pseudonym), a filtered page
     * reads at most ten thousand ids and is cut short there, with the next start below them; it read the whole list.
     */
    @Test
    void aFilteredPageReadsAtMostTenThousandIdsAndNamesWhereTheNextStarts() throws Exception {
        records = numbered(25_000);
        keptHere = new HashSet<>(ids(25_000, 2));

        ChainListPage<ConsortiumRecord> first = list(false, ChainListPage.Window.of(null, 20));
        assertEquals(List.of(), first.entries());
        assertEquals(Optional.of(15_001L), first.nextBefore(), "the next page starts below the ids read");
        assertEquals(ConsortiumDirectory.READS_PER_PAGE, partsRead.size());

        ChainListPage<ConsortiumRecord> second = list(false, ChainListPage.Window.of(15_001L, 20));
        assertEquals(Optional.of(5_001L), second.nextBefore());
        ChainListPage<ConsortiumRecord> last = list(false, ChainListPage.Window.of(5_001L, 20));
        assertEquals(List.of(hex(1)), recordIds(last));
        assertEquals(Optional.empty(), last.nextBefore());
        assertEquals(5, partsRead.size());
    }

    @Test
    void anEmptyListOrAStartAtTheOldestGivesAnEmptyLastPage() throws Exception {
        assertEquals(List.of(hex(1)), recordIds(list(null, ChainListPage.Window.of(2L, 5))));
        for (Boolean kept : Arrays.asList(null, true, false)) {
            ChainListPage<ConsortiumRecord> below = list(kept, ChainListPage.Window.of(1L, 5));
            assertEquals(new ChainListPage<ConsortiumRecord>(List.of(), Optional.empty()), below);
        }
        assertEquals(List.of(), recordIds(list(true, ChainListPage.Window.of(null, 5))), "none kept here");
        records = List.of();
        assertEquals(new ChainListPage<ConsortiumRecord>(List.of(), Optional.empty()),
                list(null, ChainListPage.Window.of(null, 5)));
        assertEquals("0 of 0 records on chain", audit.only().detail());
    }

    private ChainListPage<ConsortiumRecord> list(Boolean kept, ChainListPage.Window window) throws Exception {
        audit = new RecordingAuditTrail();
        chain.events().clear();
        partsRead.clear();
        askedHere.clear();
        return AuditedCallRunner.run(audit, new Actor("d.ross", Set.of(StaffRole.PHYSICIAN)),
                AuditedAction.CONSORTIUM_RECORDS_READ, patient.patientId().toString(),
                () -> directory().recordsOf(Given.of(patient.patientId()), kept, window));
    }

    /** The part of the chain's list a read asks for, noted as (start, count). */
    private List<Bytes32> part(long start, int count) {
        partsRead.add(List.of(start, (long) count));
        int from = (int) Math.min(start, records.size());
        return records.subList(from, (int) Math.min((long) from + count, records.size()));
    }

    private static List<String> recordIds(ChainListPage<ConsortiumRecord> page) {
        return page.entries().stream().map(ConsortiumRecord::recordId).toList();
    }

    private long calls(String method) {
        return chain.events().stream().filter(method::equals).count();
    }

    private ConsortiumDirectory directory() {
        ConsortiumDirectory directory = new ConsortiumDirectory();
        Beans.inject(directory, ConsortiumDirectory.class, "ledger", chain);
        Beans.inject(directory, ConsortiumDirectory.class, "patients", new PatientRegistry() {
            @Override
            public PatientCustody custody(UUID id) {
                return patient;
            }
        });
        Beans.inject(directory, ConsortiumDirectory.class, "records", new RecordService() {
            @Override
            public Set<String> keptAmong(Collection<String> recordIds) {
                askedHere.add(List.copyOf(recordIds));
                return recordIds.stream().filter(keptHere::contains).collect(Collectors.toSet());
            }
        });
        Beans.inject(directory, ConsortiumDirectory.class, "settings", new NodeSettings("hospital", "Hospital A",
                "/tmp", "/tmp/filestore", "http://127.0.0.1:1", 0));
        return directory;
    }

    /** Record ids numbered 1 to {@code count}, oldest first, as the chain lists them. */
    private static List<Bytes32> numbered(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(ConsortiumDirectoryTest::recordId).toList();
    }

    /** The hex ids of the records numbered {@code from} down to {@code to}. */
    private static List<String> ids(int from, int to) {
        return IntStream.iterate(from, n -> n >= to, n -> n - 1).mapToObj(ConsortiumDirectoryTest::hex).toList();
    }

    private static String hex(int n) {
        return HexFormat.of().formatHex(recordId(n).toBytes());
    }

    private static Bytes32 recordId(int n) {
        return Bytes32.fromHex(String.format("%064x", n));
    }
}
