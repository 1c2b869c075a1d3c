package org.custodia.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.custodia.persistence.TestDatabase;
import org.custodia.persistence.TestPersistenceUnit;
import org.custodia.testing.Beans;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's consent index as the lists read it, on the real schema (Flyway migrations): a page of the newest
 * entries or of a patient's grants, below a given id, the open ones alone when asked, and each entry marked settled
 * or open as the chain says; on H2 here, on PostgreSQL in {@link ConsentRefsPostgresTest}.
 * Each call runs in its own transaction, as the container runs it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsentRefsTest {

    private static final String PATIENT = "01".repeat(32);
    private static final String OTHER_PATIENT = "02".repeat(32);
    private static final String B = "0x" + "b2".repeat(20);

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
        emf = database.persistenceUnit(ConsentRef.class);
    }

    @AfterAll
    void close() {
        database.close();
    }

    @BeforeEach
    void emptyIndex() {
        TestPersistenceUnit.inTransaction(emf, em -> em.createQuery("delete from ConsentRef").executeUpdate());
    }

    @Test
    void aListIsCutAtItsLimitNewestFirstAndGoesOnBelowTheIdItIsGiven() {
        for (long id = 1; id <= 5; id++) {
            remember(ConsentKind.REQUEST, id, Direction.INCOMING);
        }
        remember(ConsentKind.REQUEST, 6, Direction.OUTGOING);
        remember(ConsentKind.GRANT, 7, Direction.INCOMING);

        assertEquals(List.of(5L, 4L), newest(ConsentKind.REQUEST, Direction.INCOMING, false, null, 2));
        assertEquals(List.of(3L, 2L), newest(ConsentKind.REQUEST, Direction.INCOMING, false, 4L, 2));
        assertEquals(List.of(1L), newest(ConsentKind.REQUEST, Direction.INCOMING, false, 2L, 2));
        assertEquals(List.of(6L), newest(ConsentKind.REQUEST, Direction.OUTGOING, false, null, 10));
    }

    @Test
    void openEntriesAloneAreSelectedWhenAskedFor() {
        for (long id = 1; id <= 4; id++) {
            remember(ConsentKind.REQUEST, id, Direction.INCOMING);
        }
        mark(ConsentKind.REQUEST, 2, true);
        mark(ConsentKind.REQUEST, 4, true);

        assertEquals(List.of(3L, 1L), newest(ConsentKind.REQUEST, Direction.INCOMING, true, null, 10));
        assertEquals(List.of(1L), newest(ConsentKind.REQUEST, Direction.INCOMING, true, 3L, 10));
        assertEquals(List.of(4L, 3L, 2L, 1L), newest(ConsentKind.REQUEST, Direction.INCOMING, false, null, 10));
    }

    @Test
    void aMarkWritesTheStateReadOnlyWhereTheRowSaysOtherwise() {
        remember(ConsentKind.EMERGENCY, 1, Direction.INCOMING);

        assertFalse(mark(ConsentKind.EMERGENCY, 1, false), "noted open already");
        assertTrue(mark(ConsentKind.EMERGENCY, 1, true));
        assertFalse(mark(ConsentKind.EMERGENCY, 1, true));
        assertEquals(List.of(), newest(ConsentKind.EMERGENCY, null, true, null, 10));
        assertTrue(mark(ConsentKind.EMERGENCY, 1, false), "a review the chain no longer has (its block lost)");
        assertEquals(List.of(1L), newest(ConsentKind.EMERGENCY, null, true, null, 10));
        assertFalse(mark(ConsentKind.EMERGENCY, 9, true), "an entry not noted here");
        assertEquals(List.of(1L), newest(ConsentKind.EMERGENCY, null, false, null, 10));
    }

    @Test
    void bothDirectionsAreListedTogetherNewestFirst() {
        remember(ConsentKind.EMERGENCY, 1, Direction.OUTGOING);
        remember(ConsentKind.EMERGENCY, 2, Direction.INCOMING);
        remember(ConsentKind.EMERGENCY, 3, Direction.OUTGOING);
        remember(ConsentKind.REQUEST, 4, Direction.INCOMING);

        assertEquals(List.of(3L, 2L, 1L), newest(ConsentKind.EMERGENCY, null, false, null, 10));
        assertEquals(List.of(3L, 2L), newest(ConsentKind.EMERGENCY, null, true, null, 2));
    }

    @Test
    void aPatientsGrantsArePagedNewestFirstWithoutTheOtherPatientsOrKinds() {
        for (long id = 1; id <= 5; id++) {
            remember(ConsentKind.GRANT, id, Direction.OUTGOING);
        }
        remember(ConsentKind.GRANT, 6, Direction.OUTGOING, OTHER_PATIENT);
        remember(ConsentKind.GRANT, 7, Direction.INCOMING);
        remember(ConsentKind.EMERGENCY, 8, Direction.OUTGOING);

        assertEquals(List.of(5L, 4L), ofPatient(PATIENT, null, 2));
        assertEquals(List.of(3L, 2L), ofPatient(PATIENT, 4L, 2));
        assertEquals(List.of(1L), ofPatient(PATIENT, 2L, 2));
        assertEquals(List.of(), ofPatient(PATIENT, 1L, 2));
        assertEquals(List.of(5L, 4L, 3L, 2L, 1L), ofPatient(PATIENT, 9L, 10));
        assertEquals(List.of(6L), ofPatient(OTHER_PATIENT, null, 10));
    }

    private void remember(ConsentKind kind, long id, Direction direction) {
        remember(kind, id, direction, PATIENT);
    }

    private void remember(ConsentKind kind, long id, Direction direction, String patient) {
        TestPersistenceUnit.inTransaction(emf, em -> {
            refs(em).remember(kind, id, direction, patient, B, kind == ConsentKind.REQUEST ? null : Instant.now());
            return null;
        });
    }

    private List<Long> ofPatient(String patient, Long before, int limit) {
        return TestPersistenceUnit.inTransaction(emf, em -> refs(em).ofPatient(ConsentKind.GRANT, Direction.OUTGOING,
                patient, before, limit).stream().map(ConsentRef::chainId).toList());
    }

    private boolean mark(ConsentKind kind, long id, boolean settled) {
        return TestPersistenceUnit.inTransaction(emf, em -> refs(em).mark(kind, id, settled));
    }

    private List<Long> newest(ConsentKind kind, Direction direction, boolean openOnly, Long before, int limit) {
        return TestPersistenceUnit.inTransaction(emf, em -> refs(em).newest(kind, direction, openOnly, before, limit)
                .stream().map(ConsentRef::chainId).toList());
    }

    private static ConsentRefs refs(EntityManager em) {
        ConsentRefs refs = new ConsentRefs();
        Beans.inject(refs, ConsentRefs.class, "em", em);
        return refs;
    }
}
