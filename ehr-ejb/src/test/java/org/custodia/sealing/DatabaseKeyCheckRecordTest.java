package org.custodia.sealing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.Function;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;

import org.custodia.persistence.TestDatabase;
import org.custodia.persistence.TestPersistenceUnit;
import org.custodia.testing.Beans;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key check value in its table, on the migrated schema: none at first, then the one recorded, never a second; and
 * whether wrapped keys are stored.
 */
class DatabaseKeyCheckRecordTest {

    @TempDir
    Path directory;

    private TestDatabase database;
    private EntityManagerFactory emf;

    /** The database the tests run on. */
    TestDatabase openDatabase() throws Exception {
        return TestDatabase.h2(directory);
    }

    @BeforeEach
    void migrate() throws Exception {
        database = openDatabase();
        emf = database.persistenceUnit();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aCheckValueIsRecordedOnceAndReadBack() {
        assertEquals(Optional.empty(), inTransaction(KeyCheckRecord::recorded));

        inTransaction(record -> recording(record, "5f0c1d2e3a4b5c6d7e8f90a1b2c3d4e5"));

        assertEquals(Optional.of("5f0c1d2e3a4b5c6d7e8f90a1b2c3d4e5"), inTransaction(KeyCheckRecord::recorded));
        assertThrows(PersistenceException.class,
                () -> inTransaction(record -> recording(record, "00000000000000000000000000000000")),
                "a second value is refused");
        assertEquals(Optional.of("5f0c1d2e3a4b5c6d7e8f90a1b2c3d4e5"), inTransaction(KeyCheckRecord::recorded));
    }

    @Test
    void keysAreStoredOnceATableOfWrappedKeysHoldsARow() {
        assertFalse(inTransaction(KeyCheckRecord::keysStored), "a new node's database");

        TestPersistenceUnit.inTransaction(emf, em -> em.createNativeQuery("insert into proxy_re_key (custodian, "
                + "owner_fingerprint, delegatee, sealed_re_key, stored_at) values ('0x01', 'ab', '0x02', ?1, ?2)")
                .setParameter(1, new byte[] {1, 2, 3}).setParameter(2, OffsetDateTime.now()).executeUpdate());

        assertTrue(inTransaction(KeyCheckRecord::keysStored), "a sealed re-key");
    }

    private static Void recording(KeyCheckRecord record, String checkValue) {
        record.record(checkValue);
        return null;
    }

    /** Runs {@code work} on a record over a new entity manager, in a transaction committed at its end. */
    private <T> T inTransaction(Function<KeyCheckRecord, T> work) {
        return TestPersistenceUnit.inTransaction(emf, em -> {
            DatabaseKeyCheckRecord record = new DatabaseKeyCheckRecord();
            Beans.inject(record, DatabaseKeyCheckRecord.class, "entityManager", em);
            return work.apply(record);
        });
    }
}
