package org.custodia.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.RecordAnchor;
import org.custodia.outbox.OutboxRetryPolicy;
import org.custodia.outbox.OutboxTesting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The records' queries and the outbox lease on the real schema (Flyway migrations), outside a container: on H2
 * here, on PostgreSQL in {@link RecordStorePostgresTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordStoreTest {

    @TempDir
    static Path directory;

    private RecordsDatabase database;
    private RecordStore store;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

    /** The database the tests run on. */
    RecordsDatabase openDatabase() throws Exception {
        return new RecordsDatabase(directory);
    }

    @BeforeAll
    void migrate() throws Exception {
        database = openDatabase();
        store = database.store();
    }

    @AfterAll
    void close() throws Exception {
        database.close();
    }

    @Test
    void aRecordAndItsAnchorAreQueuedTogetherAndDueAtOnce() {
        HealthRecord record = database.queued(now);
        OutboxTesting.CommandState anchor = database.anchorCommand(record.id()).orElseThrow();
        assertEquals(now, anchor.nextAttemptAt());
        assertEquals(0, anchor.attempts());
        assertEquals(AnchorStatus.PENDING, store.find(record.id()).orElseThrow().anchorStatus());
        assertTrue(store.ofPatient(database.patientId(), null, RecordPage.MAX_LIMIT).stream()
                .anyMatch(r -> r.id().equals(record.id())));
    }

    @Test
    void aReceivedRecordIsKeptAnchoredWithNoAnchorQueued() {
        HealthRecord record = database.received(now);
        HealthRecord kept = store.find(record.id()).orElseThrow();
        assertTrue(kept.isReceived());
        assertEquals(AnchorStatus.ANCHORED, kept.anchorStatus());
        assertTrue(database.anchorCommand(record.id()).isEmpty(), "its custodian anchored it; this node must not try");
    }

    @Test
    void onlyOneOfTwoAttemptsGetsTheAnchorCommandUntilItsLeaseEnds() {
        String id = database.queued(now).id();
        Instant lease = now.plus(OutboxRetryPolicy.LEASE);
        OutboxTesting outbox = database.outbox();
        assertTrue(outbox.leaseFor(AnchorRecordCommand.KIND, id, "run-1", now, lease));
        assertFalse(outbox.leaseFor(AnchorRecordCommand.KIND, id, "run-1", now, lease), "leased to the first attempt");
        assertFalse(outbox.leaseFor(AnchorRecordCommand.KIND, id, "run-2", lease.minusMillis(1), lease));
        assertEquals("run-1", database.anchorCommand(id).orElseThrow().leasedBy());
        assertTrue(outbox.leaseFor(AnchorRecordCommand.KIND, id, "run-2", lease, lease.plusSeconds(1)),
                "taken over once the lease ended");
    }

    @Test
    void anchoringMarksTheRecordOnce() {
        String id = database.queued(now).id();
        String transaction = "0x" + "ef".repeat(32);
        store.anchored(id, transaction, 7L, now);
        store.anchored(id, null, null, now.plusSeconds(1));

        HealthRecord anchored = store.find(id).orElseThrow();
        assertEquals(AnchorStatus.ANCHORED, anchored.anchorStatus());
        assertEquals(transaction, anchored.anchorTransaction(), "the second confirmation changed nothing");
        assertEquals(7L, anchored.anchorBlock());
    }

    /** What makes this node a custodian of a patient on chain: an own record anchored, not one received or pending. */
    @Test
    void aPatientWithAnOwnRecordAnchoredHereHasThisNodeAsCustodian() throws Exception {
        UUID patient = database.newPatient();
        assertFalse(store.anchoredOwnRecordOf(patient), "no record");
        database.received(now, patient);
        assertFalse(store.anchoredOwnRecordOf(patient), "a received record, anchored by its custodian");
        HealthRecord record = database.queued(now, patient);
        assertFalse(store.anchoredOwnRecordOf(patient), "its anchor only queued");
        store.anchored(record.id(), "0x" + "ef".repeat(32), 7L, now);
        assertTrue(store.anchoredOwnRecordOf(patient));
        assertFalse(store.anchoredOwnRecordOf(database.newPatient()));
    }

    @Test
    void theStorageKeysRecordsReferToAreFoundAmongOthers() {
        HealthRecord record = database.queued(now);
        String unreferenced = "cd".repeat(32);
        assertEquals(Set.of(record.storageKey()),
                store.referencedStorageKeys(List.of(record.storageKey(), unreferenced)));
        assertEquals(Set.of(), store.referencedStorageKeys(List.of(unreferenced)));
        assertEquals(Set.of(), store.referencedStorageKeys(List.of()));
    }

    @Test
    void theRecordsKeptAreFoundAmongMoreIdsThanOneQueryTakes() {
        HealthRecord own = database.queued(now);
        HealthRecord received = database.received(now);
        List<String> asked = new ArrayList<>(IntStream.range(0, 2_400)
                .mapToObj(n -> String.format("%064x", n)).toList());
        asked.add(1_500, own.id());
        asked.add(received.id());
        assertEquals(Set.of(own.id(), received.id()), store.keptAmong(asked));
        assertEquals(Set.of(), store.keptAmong(asked.subList(0, 1_000)));
        assertEquals(Set.of(), store.keptAmong(List.of()));
    }

    @Test
    void aPatientsRecordsAreReadNewestFirstAPageAtATimeFromTheLastOneShown() throws Exception {
        UUID patient = database.newPatient();
        List<HealthRecord> kept = new ArrayList<>();
        for (int second : new int[] {5, 1, 3, 3, 3, 4, 0}) {
            kept.add(database.queued(now.plusSeconds(second), patient));
        }
        database.queued(now.plusSeconds(2), database.patientId());
        List<String> newestFirst = kept.stream()
                .sorted(Comparator.comparing(HealthRecord::createdAt).thenComparing(HealthRecord::id).reversed())
                .map(HealthRecord::id).toList();

        List<String> read = new ArrayList<>();
        HealthRecord last = null;
        List<List<HealthRecord>> pages = new ArrayList<>();
        do {
            List<HealthRecord> page = store.ofPatient(patient, last, 2);
            pages.add(page);
            page.forEach(record -> read.add(record.id()));
            last = page.isEmpty() ? null : page.get(page.size() - 1);
        } while (last != null);
        assertEquals(newestFirst, read, "every record once, newest first, the three kept in one second by id");
        assertEquals(List.of(2, 2, 2, 1, 0), pages.stream().map(List::size).toList());
        assertEquals(newestFirst.subList(0, 3), store.ofPatient(patient, null, 3).stream().map(HealthRecord::id)
                .toList());
        assertEquals(List.of(), store.ofPatient(database.newPatient(), null, 3));
    }

    @Test
    void theAnchorCarriesIdsAndHashesOnly() {
        HealthRecord record = database.queued(now);
        RecordAnchor anchor = store.anchorOf(record.id());
        assertEquals(Bytes32.fromHex(record.id()), anchor.recordId());
        assertEquals(Bytes32.fromHex(RecordsDatabase.PSEUDONYM), anchor.patientPseudonym());
        assertEquals(Bytes32.of(record.envelopeHash()), anchor.envelopeHash());
        assertEquals("laboratory", anchor.category().code());
        assertEquals("application/pdf", anchor.contentType());
        assertFalse(anchor.toString().contains("Blood count"), "the title stays on the node");
        assertNull(record.anchorTransaction());
    }
}
