package org.custodia.records;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.persistence.EntityManagerFactory;

import org.custodia.keys.OwnKeyPair;
import org.custodia.ledger.api.RecordAnchor;
import org.custodia.outbox.OutboxCommand;
import org.custodia.outbox.OutboxTesting;
import org.custodia.patients.Patient;
import org.custodia.patients.PatientRegistry;
import org.custodia.persistence.TestDatabase;
import org.custodia.persistence.TestPersistenceUnit;
import org.custodia.staff.StaffMember;
import org.custodia.testing.Beans;

/**
 * The migrated schema on an H2 file database with one registered patient, and a {@link RecordStore} whose every
 * call runs in its own transaction, as the container runs it.
 */
final class RecordsDatabase implements AutoCloseable {

    static final String PSEUDONYM = "ab".repeat(32);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TestDatabase database;
    private final EntityManagerFactory emf;
    private final UUID patientId = UUID.randomUUID();

    /** An H2 file database in {@code directory}. */
    RecordsDatabase(Path directory) throws SQLException {
        this(TestDatabase.h2(directory));
    }

    /** Any database the application supports, migrated; closed with this. */
    RecordsDatabase(TestDatabase database) throws SQLException {
        this.database = database;
        try {
            register(patientId, PSEUDONYM);
        } catch (SQLException | RuntimeException e) {
            database.close();
            throw e;
        }
        emf = database.persistenceUnit(OwnKeyPair.class, StaffMember.class, Patient.class, HealthRecord.class,
                OutboxCommand.class);
    }

    private void register(UUID patient, String pseudonym) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement(
                "insert into patient (id, mrn, pseudonym, sealed_demographics, public_key, wrapped_private_key, "
                        + "registered_at, registered_by) values (?, ?, ?, ?, ?, ?, current_timestamp, 'clerk')")) {
            insert.setObject(1, patient);
            insert.setString(2, "MRN-" + patient);
            insert.setString(3, pseudonym);
            insert.setBytes(4, new byte[] {1});
            insert.setBytes(5, new byte[] {2});
            insert.setBytes(6, new byte[] {3});
            insert.executeUpdate();
        }
    }

    UUID patientId() {
        return patientId;
    }

    /** Another patient, with no records yet. */
    UUID newPatient() throws SQLException {
        UUID patient = UUID.randomUUID();
        register(patient, HexFormat.of().formatHex(random32()));
        return patient;
    }

    RecordStore store() {
        return new TransactionalStore(Clock.systemUTC());
    }

    /** The outbox on this database. */
    OutboxTesting outbox() {
        return new OutboxTesting(emf);
    }

    /** A new record of the patient (random id and envelope hash) with its anchor queued, due at once. */
    HealthRecord queued(Instant now) {
        return queued(now, patientId);
    }

    /** A new record of {@code patient} kept at {@code now}, with its anchor queued. */
    HealthRecord queued(Instant now, UUID patient) {
        byte[] id = random32();
        byte[] hash = random32();
        HealthRecord record = new HealthRecord(id, patient,
                new RecordMetadata("laboratory", "Blood count", "application/pdf"), 1024, hash, 1300,
                HexFormat.of().formatHex(hash), now, "d.ross");
        new TransactionalStore(Clock.fixed(now, ZoneOffset.UTC)).add(record);
        return record;
    }

    /** A record another hospital shared with this one (random id and hashes), kept as a retrieval keeps it. */
    HealthRecord received(Instant now) {
        return received(now, patientId);
    }

    /** A record of {@code patient} another hospital shared with this one, kept as a retrieval keeps it. */
    HealthRecord received(Instant now, UUID patient) {
        byte[] id = random32();
        byte[] hash = random32();
        ReceivedRecord shared = new ReceivedRecord(HexFormat.of().formatHex(id), patient,
                new RecordMetadata("imaging", "Imaging record from St Mary", "image/png"), hash, now.minusSeconds(60),
                "0x" + "70".repeat(20), "grant", 4, "0x" + "4c".repeat(32), "d.ross");
        HealthRecord record = HealthRecord.received(shared, 2048, hash, 2400, HexFormat.of().formatHex(hash), now);
        new TransactionalStore(Clock.fixed(now, ZoneOffset.UTC)).add(record);
        return record;
    }

    private static byte[] random32() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** The record's anchor command, while it is pending. */
    Optional<OutboxTesting.CommandState> anchorCommand(String recordId) {
        return outbox().state(AnchorRecordCommand.KIND, recordId);
    }

    @Override
    public void close() {
        database.close();
    }

    /** Each call in its own resource-local transaction. */
    private final class TransactionalStore extends RecordStore {

        private final Clock clock;

        TransactionalStore(Clock clock) {
            this.clock = clock;
        }

        private <T> T inTransaction(Supplier<T> work) {
            return TestPersistenceUnit.inTransaction(emf, em -> {
                Beans.inject(this, RecordStore.class, "em", em);
                Beans.inject(this, RecordStore.class, "outbox", OutboxTesting.joining(em, clock));
                PatientRegistry patients = new PatientRegistry();
                Beans.inject(patients, PatientRegistry.class, "em", em);
                Beans.inject(this, RecordStore.class, "patients", patients);
                return work.get();
            });
        }

        @Override
        public void add(HealthRecord record) {
            inTransaction(() -> {
                super.add(record);
                return null;
            });
        }

        @Override
        public Optional<HealthRecord> find(String recordId) {
            return inTransaction(() -> super.find(recordId));
        }

        @Override
        public Set<String> referencedStorageKeys(Collection<String> storageKeys) {
            return inTransaction(() -> super.referencedStorageKeys(storageKeys));
        }

        @Override
        public Set<String> keptAmong(Collection<String> recordIds) {
            return inTransaction(() -> super.keptAmong(recordIds));
        }

        @Override
        public boolean anchoredOwnRecordOf(UUID patient) {
            return inTransaction(() -> super.anchoredOwnRecordOf(patient));
        }

        @Override
        public List<HealthRecord> ofPatient(UUID patient, HealthRecord olderThan, int count) {
            return inTransaction(() -> super.ofPatient(patient, olderThan, count));
        }

        @Override
        public RecordAnchor anchorOf(String recordId) {
            return inTransaction(() -> super.anchorOf(recordId));
        }

        @Override
        public void anchored(String recordId, String transaction, Long block, Instant at) {
            inTransaction(() -> {
                super.anchored(recordId, transaction, block, at);
                return null;
            });
        }
    }
}
