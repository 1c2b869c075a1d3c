package org.custodia.sealing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
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

/** The key check value in its table, on the migrated schema: none at first, then the one recorded, never a second. */
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
        emf = TestPersistenceUnit.create(database.dataSource(), Map.of("hibernate.dialect", database.dialect()));
    }

    @AfterEach
    void close() {
        emf.close();
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
