package org.custodia.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.custodia.hospital.Hospital;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.RecordAnchor;
import org.custodia.patients.Patient;
import org.custodia.persistence.SchemaMigrator;
import org.custodia.persistence.TestPersistenceUnit;
import org.custodia.staff.StaffMember;
import org.h2.jdbcx.JdbcDataSource;
import org.hibernate.dialect.H2Dialect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The records' queries and the outbox lease on the real schema (Flyway migrations, H2), outside a container. */
class RecordStoreTest {

    private static final String PSEUDONYM = "ab".repeat(32);

    @TempDir
    java.nio.file.Path directory;

    private EntityManagerFactory emf;
    private UUID patientId;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @BeforeEach
    void schemaAndPatient() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + directory.resolve("custodia"));
        SchemaMigrator.migrate(h2, getClass().getClassLoader());
        patientId = UUID.randomUUID();
        try (Connection connection = h2.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "insert into patient (id, mrn, pseudonym, sealed_demographics, public_key, wrapped_private_key, "
                        + "registered_at, registered_by) values (?, 'MRN-1', ?, X'01', X'02', X'03', "
                        + "current_timestamp, 'clerk')")) {
            insert.setObject(1, patientId);
            insert.setString(2, PSEUDONYM);
            insert.executeUpdate();
        }
        emf = TestPersistenceUnit.create(h2, Map.of("hibernate.dialect", H2Dialect.class.getName()),
                Hospital.class, StaffMember.class, Patient.class, HealthRecord.class, AnchorOutboxEntry.class);
    }

    @AfterEach
    void close() {
        emf.close();
    }

    @Test
    void aRecordAndItsAnchorAreQueuedTogetherAndDueAtOnce() {
        HealthRecord record = newRecord();
        inTransaction(store -> {
            store.add(record, new AnchorOutboxEntry(record.id(), now, now));
            return null;
        });
        assertEquals(java.util.List.of(record.id()), inTransaction(store -> store.due(now, 10)));
        assertEquals(AnchorStatus.PENDING, inTransaction(store -> store.find(record.id())).orElseThrow()
                .anchorStatus());
        assertEquals(1, inTransaction(store -> store.ofPatient(patientId)).size());
    }

    @Test
    void onlyOneOfTwoAttemptsGetsTheEntryUntilItsLeaseOrRetryTime() {
        String id = queued();
        Instant lease = now.plus(AnchorRetryPolicy.LEASE);
        assertTrue(inTransaction(store -> store.claim(id, now, lease)).isPresent());
        assertTrue(inTransaction(store -> store.claim(id, now, lease)).isEmpty(), "leased to the first attempt");
        assertTrue(inTransaction(store -> store.due(now, 10)).isEmpty());

        Instant retryAt = now.plusSeconds(2);
        String pending = "0x" + "cd".repeat(32);
        inTransaction(store -> {
            store.retryLater(id, "chain node down", pending, retryAt);
            return null;
        });
        assertTrue(inTransaction(store -> store.claim(id, retryAt.minusMillis(1), lease)).isEmpty(), "not due yet");
        AnchorOutboxEntry retried = inTransaction(store -> store.claim(id, retryAt, lease)).orElseThrow();
        assertEquals(1, retried.attempts());
        assertEquals(pending, retried.pendingTransaction(), "kept for the next attempt to look up");
        assertEquals("chain node down", retried.lastError());
    }

    @Test
    void anchoringMarksTheRecordAndEmptiesTheOutboxOnce() {
        String id = queued();
        String transaction = "0x" + "ef".repeat(32);
        inTransaction(store -> {
            store.anchored(id, transaction, 7L, now);
            store.anchored(id, null, null, now.plusSeconds(1));
            return null;
        });
        HealthRecord anchored = inTransaction(store -> store.find(id)).orElseThrow();
        assertEquals(AnchorStatus.ANCHORED, anchored.anchorStatus());
        assertEquals(transaction, anchored.anchorTransaction(), "the second confirmation changed nothing");
        assertEquals(7L, anchored.anchorBlock());
        assertTrue(inTransaction(store -> store.claim(id, now.plus(Duration.ofDays(1)), now)).isEmpty());
        assertTrue(inTransaction(store -> store.due(now.plus(Duration.ofDays(1)), 10)).isEmpty());
    }

    @Test
    void theAnchorCarriesIdsAndHashesOnly() {
        String id = queued();
        RecordAnchor anchor = inTransaction(store -> store.anchorOf(id));
        HealthRecord record = inTransaction(store -> store.find(id)).orElseThrow();
        assertEquals(Bytes32.fromHex(id), anchor.recordId());
        assertEquals(Bytes32.fromHex(PSEUDONYM), anchor.patientPseudonym());
        assertEquals(Bytes32.of(record.envelopeHash()), anchor.envelopeHash());
        assertEquals("laboratory", anchor.category().code());
        assertEquals("application/pdf", anchor.contentType());
        assertFalse(anchor.toString().contains("Blood count"), "the title stays on the node");
        assertNull(record.anchorTransaction());
    }

    private String queued() {
        HealthRecord record = newRecord();
        inTransaction(store -> {
            store.add(record, new AnchorOutboxEntry(record.id(), now, now));
            return null;
        });
        return record.id();
    }

    private HealthRecord newRecord() {
        SecureRandom random = new SecureRandom();
        byte[] id = new byte[32];
        byte[] hash = new byte[32];
        random.nextBytes(id);
        random.nextBytes(hash);
        return new HealthRecord(id, patientId, new RecordMetadata("laboratory", "Blood count", "application/pdf"),
                1024, hash, 1300, HexFormat.of().formatHex(hash), now, "d.ross");
    }

    private <T> T inTransaction(Function<RecordStore, T> work) {
        EntityManager em = emf.createEntityManager();
        try {
            RecordStore store = new RecordStore();
            Field field = RecordStore.class.getDeclaredField("em");
            field.setAccessible(true);
            field.set(store, em);
            em.getTransaction().begin();
            T result = work.apply(store);
            em.getTransaction().commit();
            return result;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        } finally {
            em.close();
        }
    }
}
