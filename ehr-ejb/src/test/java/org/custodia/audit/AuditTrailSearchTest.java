package org.custodia.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.EntityManagerFactory;

import org.custodia.outbox.OutboxCommand;
import org.custodia.persistence.TestDatabase;
import org.custodia.persistence.TestPersistenceUnit;
import org.custodia.testing.Beans;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A review's pages of the trail on the real schema: newest first, each page read from the position of the last
 * entry of the one before, entries of the same instant neither repeated nor skipped, the filters kept, and entries
 * written meanwhile shifting no page; on H2 here, on PostgreSQL in {@link AuditTrailSearchPostgresTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTrailSearchTest {

    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    static Path directory;

    private TestDatabase database;
    private EntityManagerFactory emf;

    /** The database the tests run on. */
    TestDatabase openDatabase() throws Exception {
        return TestDatabase.h2(directory);
    }

    @BeforeAll
    void migrate() throws Exception {
        database = openDatabase();
        emf = database.persistenceUnit(Map.of("hibernate.generate_statistics", "true",
                "hibernate.session.events.log", "false"), AuditEntry.class, AuditChainHead.class, OutboxCommand.class);
    }

    @AfterAll
    void close() {
        database.close();
    }

    @BeforeEach
    void emptyTrail() {
        TestPersistenceUnit.inTransaction(emf, em -> em.createQuery("delete from AuditEntry").executeUpdate());
    }

    @Test
    void pagesWalkTheTrailNewestFirstWithEntriesOfOneInstantNeitherRepeatedNorSkipped() {
        List<UUID> written = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            // four entries share each instant: the id orders them
            written.add(write(T0.plusSeconds(i / 4), "p.phys", "record.download", "record-" + i, "served"));
        }
        AuditFilter everything = new AuditFilter(null, null, null, null, null);

        List<AuditRecord> all = search(everything, null, 500);
        assertEquals(new HashSet<>(written), new HashSet<>(ids(all)));
        for (int i = 1; i < all.size(); i++) {
            assertFalse(all.get(i).occurredAt().isAfter(all.get(i - 1).occurredAt()), "newest first");
        }
        assertEquals(ids(all), walk(everything, 3), "pages of 3 read from each page's last entry: the same list");
        assertEquals(ids(all), walk(everything, 4), "pages that end inside an instant's entries too");
    }

    @Test
    void aPageKeepsItsFilterAndEntriesWrittenSinceShiftNoPage() {
        for (int i = 0; i < 6; i++) {
            write(T0.plusSeconds(i), i % 2 == 0 ? "p.phys" : "n.nurse", "record.download", "record-" + i, "served");
        }
        AuditFilter physician = new AuditFilter("p.phys", null, null, null, NOW);
        List<AuditRecord> first = search(physician, null, 2);
        assertEquals(List.of("record-4", "record-2"), subjects(first));

        write(T0.plusSeconds(1), "p.phys", "record.download", "written-meanwhile", "served");
        write(T0.plusSeconds(10), "p.phys", "record.download", "written-later", "served");

        assertEquals(List.of("written-meanwhile", "record-0"), subjects(search(physician, first.get(1), 2)),
                "older than the page's last entry: one written since at an older instant is found there");
        assertEquals(List.of("written-later", "record-4"), subjects(search(physician, null, 2)),
                "a new search from the newest sees what was written since");
    }

    @Test
    void aPatientIdFindsTheEntriesAboutThePatientAndTheUploadsNamingItInTheDatabasesOrder() {
        UUID patient = UUID.randomUUID();
        // acts on the patient and uploads naming it, all of one instant: the two reads merged must keep the database's
        // order, or a page would skip or repeat an entry. The ids differ in the top bit, which a signed comparison of
        // UUIDs (UUID.compareTo) orders the other way round from the databases
        List<UUID> expected = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            expected.add(write(new UUID(0x10L + i, 1), T0, "c.clerk", "record.list", patient.toString(),
                    "1 records"));
            expected.add(write(new UUID(0x9000_0000_0000_0000L + i, 1), T0, "p.phys", "record.upload",
                    "record-" + i, NamedPatient.detail(patient, "category laboratory, 10 bytes")));
        }
        write(T0, "p.phys", "record.upload", "record-9", NamedPatient.detail(UUID.randomUUID(), "category imaging"));
        write(T0, "p.phys", "record.download", "record-8", "served to patient " + patient);
        List<UUID> inDatabaseOrder = ids(search(new AuditFilter(null, null, null, null, null), null, 500)).stream()
                .filter(expected::contains).toList();
        AuditFilter byPatient = new AuditFilter(null, null, patient.toString(), null, null);

        assertEquals(8, inDatabaseOrder.size());
        assertEquals(inDatabaseOrder, ids(search(byPatient, null, 500)));
        assertEquals(inDatabaseOrder, walk(byPatient, 1), "a page of one entry at a time");
        assertEquals(inDatabaseOrder, walk(byPatient, 3));
        assertEquals(List.of("record-3", "record-2", "record-1", "record-0"), subjects(search(new AuditFilter(null,
                "record.upload", patient.toString(), null, null), null, 10)).stream().sorted(
                Comparator.reverseOrder()).toList(), "with an action: the uploads alone");
    }

    @Test
    void aSubjectThatCannotBeAPatientIdIsLookedForInTheSubjectAlone() {
        UUID patient = UUID.randomUUID();
        write(T0, "p.phys", "record.upload", "record-1", NamedPatient.detail(patient, "category laboratory"));
        write(T0, "p.phys", "record.details", "record-1", NamedPatient.detail(patient, "category laboratory"));
        Statistics statistics = emf.unwrap(SessionFactory.class).getStatistics();

        statistics.clear();
        assertEquals(2, search(new AuditFilter(null, null, patient.toString(), null, null), null, 10).size());
        assertEquals(2, statistics.getPrepareStatementCount(), "the subject and the named patient");
        statistics.clear();
        assertEquals(List.of("record-1", "record-1"), subjects(search(new AuditFilter(null, null, "record-1", null,
                null), null, 10)));
        assertEquals(1, statistics.getPrepareStatementCount(), "a record id names no patient");
        statistics.clear();
        assertEquals(List.of(), search(new AuditFilter(null, null, patient + "x", null, null), null, 10));
        assertEquals(1, statistics.getPrepareStatementCount(), "longer than a patient id");
    }

    private List<UUID> walk(AuditFilter filter, int pageSize) {
        List<UUID> walked = new ArrayList<>();
        AuditRecord last = null;
        while (true) {
            List<AuditRecord> page = search(filter, last, pageSize);
            walked.addAll(ids(page));
            if (page.size() < pageSize) {
                return walked;
            }
            last = page.get(page.size() - 1);
        }
    }

    @Test
    void anEntryOfTextWithControlCharactersIsStoredAsItIsHashed() {
        AuditEntry entry = new AuditEntry(T0, "p.phys", "record.upload", "nul\u0000here", AuditOutcome.REFUSED,
                "line\nbreak and half a pair \ud83d");
        entry.seal(1, "0".repeat(64));
        TestPersistenceUnit.inTransaction(emf, em -> {
            em.persist(entry);
            return null;
        });

        AuditEntry read = TestPersistenceUnit.inTransaction(emf, em -> em.find(AuditEntry.class, entry.getId()));
        assertEquals("nul\uFFFDhere", read.getSubject());
        assertEquals("line\uFFFDbreak and half a pair \uFFFD", read.getDetail());
        assertEquals(read.entryHash(), read.computedHash(), "read back, the entry is not taken for one changed");
    }

    private UUID write(Instant at, String actor, String action, String subject, String detail) {
        return write(null, at, actor, action, subject, detail);
    }

    /** Writes an entry with the id given (null: a new random one, as the trail gives). */
    private UUID write(UUID id, Instant at, String actor, String action, String subject, String detail) {
        AuditEntry entry = new AuditEntry(at, actor, action, subject, AuditOutcome.SUCCEEDED, detail);
        if (id != null) {
            Beans.inject(entry, AuditEntry.class, "id", id);
        }
        TestPersistenceUnit.inTransaction(emf, em -> {
            em.persist(entry);
            return null;
        });
        return entry.getId();
    }

    private List<AuditRecord> search(AuditFilter filter, AuditRecord olderThan, int limit) {
        return TestPersistenceUnit.inTransaction(emf, em -> {
            AuditTrail trail = new AuditTrail();
            Beans.inject(trail, AuditTrail.class, "em", em);
            return trail.search(filter, olderThan, limit);
        });
    }

    private static List<UUID> ids(List<AuditRecord> entries) {
        return entries.stream().map(AuditRecord::id).toList();
    }

    private static List<String> subjects(List<AuditRecord> entries) {
        return entries.stream().map(AuditRecord::subject).toList();
    }
}
