package org.custodia.patients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import javax.sql.DataSource;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.custodia.crypto.PreKeyPair;
import org.custodia.crypto.pre.AfghKem;
import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.keys.KeyCustody;
import org.custodia.keys.KeyCustodyException;
import org.custodia.keys.KeyOwner;
import org.custodia.keys.NodeKeys;
import org.custodia.keys.OwnKeyPair;
import org.custodia.keys.OwnKeyPairs;
import org.custodia.keys.WrappedKeyPair;
import org.custodia.persistence.SchemaMigrator;
import org.custodia.persistence.H2FileDatabase;
import org.custodia.persistence.TestDatabase;
import org.custodia.persistence.TestPersistenceUnit;
import org.custodia.sealing.KeyEncryptionKey;
import org.custodia.sealing.NodeKeystore;
import org.custodia.sealing.NodeSealing;
import org.custodia.testing.Beans;
import org.custodia.testing.CapturedLog;
import org.custodia.testing.InMemoryKeyCheckRecord;
import org.custodia.testing.LegacyKeystore;
import org.eclipse.microprofile.config.Config;
import org.hibernate.dialect.H2Dialect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key pairs bound to their owners, on the real schema (Flyway migrations, H2) outside a container: rows from before
 * migration V25 are refused until the start-up step "binding wrapped keys to their owners" re-wraps them, the step
 * can be repeated, and a key pair moved into another owner's row opens there for no one. Once every row is bound,
 * the node keystore records it, and a format-1 row written into the database after that is neither re-wrapped nor
 * used, only reported. The step runs as {@code NodeBootstrap} runs it: the node's own row, then the patients' rows a
 * transaction per batch, each bean call in a transaction of its own.
 */
class PatientKeyBindingTest {

    /** Small batches, so that a few rows cross batch boundaries. */
    private static final int BATCH_SIZE = 3;

    private static final char[] PASSWORD = "keystore-secret".toCharArray();

    @TempDir
    Path directory;

    private final SecureRandom random = new SecureRandom();
    private final AfghKem kem = new AfghKem(random);
    private final Map<UUID, byte[]> publicKeys = new HashMap<>();
    private NodeSealing sealing;
    private KeyEncryptionKey kek;
    private KeyCustody custody;
    private NodeKeys nodeKeys;
    private H2FileDatabase database;
    private DataSource dataSource;
    private EntityManagerFactory emf;
    private byte[] nodePublicKey;
    private UUID patientA;
    private UUID patientB;

    /** A node as the version before owner binding left it (keystore, own key pair, two patients), then upgraded. */
    @BeforeEach
    void upgradeANodeWithRowsInFormat1() throws Exception {
        Path keystore = directory.resolve("node.p12");
        LegacyKeystore.create(keystore, PASSWORD);
        sealing = new NodeSealing(passwordConfig(), keystore.toString(), new InMemoryKeyCheckRecord(), List.of());
        kek = sealing.keyEncryptionKey();
        custody = new KeyCustody(kem, kek);
        nodeKeys = new NodeKeys() {
            @Override
            public KeyCustody custody() {
                return custody;
            }
        };
        database = TestDatabase.h2MigratedTo(directory, "23");
        dataSource = database.dataSource();
        try (Connection connection = dataSource.getConnection()) {
            PreKeyPair own = kem.generateKeyPair();
            try (PreparedStatement insert = connection.prepareStatement("insert into hospital (id, public_key, "
                    + "wrapped_private_key, created_at) values (1, ?, ?, current_timestamp)")) {
                insert.setBytes(1, own.publicKey().toBytes());
                insert.setBytes(2, format1Wrapping(own));
                insert.executeUpdate();
            }
            nodePublicKey = own.publicKey().toBytes();
            patientA = format1Patient(connection);
            patientB = format1Patient(connection);
        }
        SchemaMigrator.migrate(dataSource, getClass().getClassLoader());
        emf = TestPersistenceUnit.create(dataSource, Map.of("hibernate.dialect", H2Dialect.class.getName()),
                Patient.class, OwnKeyPair.class);
    }

    @AfterEach
    void close() {
        try {
            if (emf != null) {
                emf.close();
            }
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    @Test
    void aRowFromBeforeTheUpgradeIsRefusedUntilTheStartUpStepBindsItToItsOwnerThenOpens() throws Exception {
        assertEquals(WrappedKeyPair.FINGERPRINT_BOUND, keyColumns("patient", patientA).format(),
                "rows written before the upgrade are in format 1");
        assertEquals(WrappedKeyPair.FINGERPRINT_BOUND, keyColumns("hospital", 1).format());
        PatientCustody before = custodyOf(patientA);
        KeyCustodyException refused = assertThrows(KeyCustodyException.class,
                () -> custody.unwrap(before.keyPair(), before.keyOwner()));
        assertTrue(refused.getMessage().contains("format 1"), refused.getMessage());
        assertThrows(KeyCustodyException.class, () -> custody.unwrap(ownKeyPair(), KeyOwner.node()));

        assertEquals(2, bindWrappedKeys());

        for (UUID id : List.of(patientA, patientB)) {
            PatientCustody after = custodyOf(id);
            assertEquals(WrappedKeyPair.OWNER_BOUND, keyColumns("patient", id).format());
            assertArrayEquals(publicKeys.get(id), after.keyPair().publicKey(), "the same key pair, re-wrapped");
            assertArrayEquals(publicKeys.get(id),
                    custody.unwrap(after.keyPair(), after.keyOwner()).publicKey().toBytes());
        }
        assertEquals(WrappedKeyPair.OWNER_BOUND, keyColumns("hospital", 1).format());
        assertArrayEquals(nodePublicKey, custody.unwrap(ownKeyPair(), KeyOwner.node()).publicKey().toBytes());
        PatientCustody a = custodyOf(patientA);
        assertThrows(KeyCustodyException.class, () -> custody.unwrap(a.keyPair(), KeyOwner.patient(patientB)),
                "bound to patient A, not to B");
    }

    @Test
    void theStepGoesThroughEveryBatchAndChangesNothingTheSecondTime() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            for (int i = 0; i < BATCH_SIZE; i++) {
                format1Patient(connection);
            }
        }
        assertEquals(BATCH_SIZE + 2, bindWrappedKeys());
        assertEquals(0, rowsInFormat1());
        Map<String, String> bound = storedKeyPairs();

        assertEquals(0, bindWrappedKeys());
        assertEquals(bound, storedKeyPairs(), "a second run re-wraps nothing (each wrapping has a fresh nonce)");
    }

    @Test
    void keyPairsSwappedBetweenTwoPatientsOpenForNeither() throws Exception {
        bindWrappedKeys();
        UUID first = registered();
        UUID second = registered();
        for (UUID id : List.of(first, second)) {
            PatientCustody patient = custodyOf(id);
            custody.unwrap(patient.keyPair(), patient.keyOwner());
        }

        KeyColumns firstColumns = keyColumns("patient", first);
        writeKeyColumns("patient", first, keyColumns("patient", second));
        writeKeyColumns("patient", second, firstColumns);

        byte[] delegatee = kem.generateKeyPair().publicKey().toBytes();
        for (UUID id : List.of(first, second)) {
            PatientCustody patient = custodyOf(id);
            assertThrows(KeyCustodyException.class, () -> custody.unwrap(patient.keyPair(), patient.keyOwner()));
            assertThrows(KeyCustodyException.class,
                    () -> custody.reEncryptionKey(patient.keyPair(), patient.keyOwner(), delegatee));
        }
        assertEquals(0, bindWrappedKeys(), "the start-up step does not re-bind a swapped row");
        PatientCustody stillSwapped = custodyOf(first);
        assertThrows(KeyCustodyException.class,
                () -> custody.unwrap(stillSwapped.keyPair(), stillSwapped.keyOwner()));
    }

    @Test
    void theNodesOwnKeyPairMovedIntoAPatientRowDoesNotOpenThere() throws Exception {
        bindWrappedKeys();
        UUID patient = registered();

        writeKeyColumns("patient", patient, keyColumns("hospital", 1));

        PatientCustody moved = custodyOf(patient);
        assertArrayEquals(nodePublicKey, moved.keyPair().publicKey());
        assertThrows(KeyCustodyException.class, () -> custody.unwrap(moved.keyPair(), moved.keyOwner()));
    }

    @Test
    void aFormat1RowThatDoesNotUnwrapIsNamedAndLeftWhileTheOthersAreBound() throws Exception {
        UUID altered;
        try (Connection connection = dataSource.getConnection()) {
            altered = insertPatient(connection, kem.generateKeyPair().publicKey().toBytes(),
                    keyColumns("patient", patientA).wrappedPrivateKey());
        }

        DependencyUnavailableException unusable = assertThrows(DependencyUnavailableException.class,
                this::bindWrappedKeys);

        assertTrue(unusable.getMessage().contains(altered.toString()), unusable.getMessage());
        assertEquals(WrappedKeyPair.FINGERPRINT_BOUND, keyColumns("patient", altered).format());
        assertEquals(1, rowsInFormat1(), "the other rows are bound all the same");
        PatientCustody a = custodyOf(patientA);
        custody.unwrap(a.keyPair(), a.keyOwner());
        assertFalse(sealing.keysOwnerBound(), "nothing recorded while a row is left in format 1");
    }

    /**
     * The node's own row does not unwrap: the patients' rows are re-wrapped all the same and the own row is named.
     * Before, its failure ended the step first, and every patient's records stayed closed with it.
     */
    @Test
    void anOwnRowThatDoesNotUnwrapIsNamedWhileThePatientsRowsAreBound() throws Exception {
        KeyColumns own = keyColumns("hospital", 1);
        writeKeyColumns("hospital", 1, new KeyColumns(kem.generateKeyPair().publicKey().toBytes(),
                own.wrappedPrivateKey(), own.format()));

        DependencyUnavailableException unusable = assertThrows(DependencyUnavailableException.class,
                this::bindWrappedKeys);

        assertTrue(unusable.getMessage().contains("this hospital's own key pair"), unusable.getMessage());
        assertEquals(1, rowsInFormat1(), "only the own row is left in format 1");
        PatientCustody a = custodyOf(patientA);
        custody.unwrap(a.keyPair(), a.keyOwner());
        assertFalse(sealing.keysOwnerBound(), "nothing recorded while a row is left in format 1");
    }

    @Test
    void aFormat1RowWrittenAfterEveryKeyWasBoundIsNeitherReWrappedNorUsedButReported() throws Exception {
        KeyColumns keptFromBefore = keyColumns("patient", patientA);
        KeyColumns ownFromBefore = keyColumns("hospital", 1);
        assertFalse(sealing.keysOwnerBound(), "a keystore from before owner binding holds no record");
        assertEquals(2, bindWrappedKeys());
        assertTrue(sealing.keysOwnerBound(), "recorded once no row is left in format 1");

        writeKeyColumns("patient", patientB, keptFromBefore);
        writeKeyColumns("hospital", 1, ownFromBefore);
        List<LogRecord> logged = CapturedLog.of(PatientKeyBinding.class,
                () -> assertEquals(0, bindWrappedKeys(), "the next start re-wraps nothing"));

        KeyColumns planted = keyColumns("patient", patientB);
        assertEquals(WrappedKeyPair.FINGERPRINT_BOUND, planted.format());
        assertArrayEquals(keptFromBefore.wrappedPrivateKey(), planted.wrappedPrivateKey(), "left as written");
        assertEquals(WrappedKeyPair.FINGERPRINT_BOUND, keyColumns("hospital", 1).format());
        PatientCustody b = custodyOf(patientB);
        assertThrows(KeyCustodyException.class, () -> custody.unwrap(b.keyPair(), b.keyOwner()));
        assertThrows(KeyCustodyException.class, () -> custody.unwrap(ownKeyPair(), KeyOwner.node()));
        List<String> reports = logged.stream()
                .filter(record -> record.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogRecord::getMessage).toList();
        assertEquals(1, reports.size(), "one line: " + reports);
        String report = reports.get(0);
        assertTrue(report.contains(patientB.toString()) && report.contains("own key pair")
                && report.contains("cannot be trusted"), report);
        assertFalse(report.contains(patientA.toString()), "a bound row is not named: " + report);
        assertFalse(report.contains(HexFormat.of().formatHex(planted.publicKey())), "ids only: " + report);
    }

    /** A node from before the key check value tells its keystore from another by a patient's key pair too. */
    @Test
    void aPatientsKeyPairTellsItsKeystoreFromAnother() throws Exception {
        KeyEncryptionKey another = NodeKeystore.openOrCreate(directory.resolve("another.p12"), PASSWORD, random);

        assertEquals(Optional.of(true), patientSampleOpensUnder(kek), "format 1");
        assertEquals(Optional.of(false), patientSampleOpensUnder(another));
        bindWrappedKeys();
        assertEquals(Optional.of(true), patientSampleOpensUnder(kek), "format 2");
        assertEquals(Optional.of(false), patientSampleOpensUnder(another));
    }

    private Optional<Boolean> patientSampleOpensUnder(KeyEncryptionKey sealing) {
        return TestPersistenceUnit.inTransaction(emf, em -> {
            PatientKeySample sample = new PatientKeySample();
            Beans.inject(sample, PatientKeySample.class, "em", em);
            return sample.opensUnder(sealing);
        });
    }

    @Test
    void aNodeWhoseKeystoreIsNewReWrapsNothingFromTheStart() throws Exception {
        sealing = new NodeSealing(passwordConfig(), directory.resolve("new").resolve("node.p12").toString(),
                new InMemoryKeyCheckRecord(), List.of());

        assertEquals(0, bindWrappedKeys());

        assertTrue(sealing.keysOwnerBound(), "a new keystore holds the record from its creation");
        assertEquals(3, rowsInFormat1(), "rows in format 1 are not re-wrapped on a node that never wrote any");
    }

    /** The start-up step as the node runs it: its own row, then the patients' rows, a transaction per batch. */
    private int bindWrappedKeys() {
        OwnKeyPairs own = new OwnKeyPairs() {
            @Override
            public void bindToOwner() {
                TestPersistenceUnit.inTransaction(emf, em -> {
                    ownKeyPairs(em).bindToOwner();
                    return null;
                });
            }

            @Override
            public boolean inFormat1() {
                return TestPersistenceUnit.inTransaction(emf, em -> ownKeyPairs(em).inFormat1());
            }
        };
        PatientKeys batches = new PatientKeys() {
            @Override
            public Batch bindLegacyKeys(UUID after, int max) {
                return TestPersistenceUnit.inTransaction(emf, em -> patientKeys(em).bindLegacyKeys(after, max));
            }

            @Override
            public InFormat1 inFormat1(int max) {
                return TestPersistenceUnit.inTransaction(emf, em -> patientKeys(em).inFormat1(max));
            }
        };
        PatientKeyBinding binding = new PatientKeyBinding();
        Beans.inject(binding, PatientKeyBinding.class, "ownKeyPair", own);
        Beans.inject(binding, PatientKeyBinding.class, "patientKeys", batches);
        Beans.inject(binding, PatientKeyBinding.class, "sealing", sealing);
        Beans.inject(binding, PatientKeyBinding.class, "batchSize", BATCH_SIZE);
        return binding.bindAll();
    }

    /** The configuration as a domain serves it to {@link NodeSealing}: the keystore password, nothing else set. */
    private static Config passwordConfig() {
        return (Config) Proxy.newProxyInstance(Config.class.getClassLoader(), new Class<?>[] {Config.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("getOptionalValue")) {
                        return NodeSealing.PASSWORD_PROPERTY.equals(arguments[0])
                                ? Optional.of(new String(PASSWORD)) : Optional.empty();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private PatientKeys patientKeys(EntityManager em) {
        PatientKeys bean = new PatientKeys();
        Beans.inject(bean, PatientKeys.class, "em", em);
        Beans.inject(bean, PatientKeys.class, "keys", nodeKeys);
        return bean;
    }

    private OwnKeyPairs ownKeyPairs(EntityManager em) {
        OwnKeyPairs bean = new OwnKeyPairs();
        Beans.inject(bean, OwnKeyPairs.class, "em", em);
        Beans.inject(bean, OwnKeyPairs.class, "keys", nodeKeys);
        return bean;
    }

    private WrappedKeyPair ownKeyPair() {
        return TestPersistenceUnit.inTransaction(emf, em -> ownKeyPairs(em).current());
    }

    /** The patient as the record service and the re-key issuer get it. */
    private PatientCustody custodyOf(UUID id) {
        return TestPersistenceUnit.inTransaction(emf, em -> {
            PatientRegistry registry = new PatientRegistry();
            Beans.inject(registry, PatientRegistry.class, "em", em);
            return registry.custody(id);
        });
    }

    /** A patient stored as {@link PatientRegistry#register} stores one: the key pair generated for its id. */
    private UUID registered() {
        UUID id = UUID.randomUUID();
        Patient patient = new Patient(id, "MRN-" + id, new Pseudonym(randomHex()), new byte[] {1},
                custody.generate(KeyOwner.patient(id)), Instant.now(), "clerk");
        TestPersistenceUnit.inTransaction(emf, em -> {
            em.persist(patient);
            return null;
        });
        return id;
    }

    /** A patient row as the version before owner binding wrote it. */
    private UUID format1Patient(Connection connection) throws SQLException {
        PreKeyPair pair = kem.generateKeyPair();
        UUID id = insertPatient(connection, pair.publicKey().toBytes(), format1Wrapping(pair));
        publicKeys.put(id, pair.publicKey().toBytes());
        return id;
    }

    /** Without a format: rows of the old schema, and old-style inserts after the upgrade, are in format 1. */
    private static UUID insertPatient(Connection connection, byte[] publicKey, byte[] wrappedPrivateKey)
            throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement insert = connection.prepareStatement("insert into patient (id, mrn, pseudonym, "
                + "sealed_demographics, public_key, wrapped_private_key, registered_at, registered_by) "
                + "values (?, ?, ?, ?, ?, ?, current_timestamp, 'clerk')")) {
            insert.setObject(1, id);
            insert.setString(2, "MRN-" + id);
            insert.setString(3, randomHex());
            insert.setBytes(4, new byte[] {1});
            insert.setBytes(5, publicKey);
            insert.setBytes(6, wrappedPrivateKey);
            insert.executeUpdate();
        }
        return id;
    }

    /** The private key wrapped the old way: bound to the public key's fingerprint only. */
    private byte[] format1Wrapping(PreKeyPair pair) {
        return kek.wrap(pair.privateKey().toSecretBytes(), pair.publicKey().fingerprint().toBytes());
    }

    private static String randomHex() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A row's key pair columns as stored. */
    private record KeyColumns(byte[] publicKey, byte[] wrappedPrivateKey, int format) {
    }

    private KeyColumns keyColumns(String table, Object id) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select public_key, wrapped_private_key, key_wrap_format from " + table + " where id = ?")) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), "no " + table + " row " + id);
                return new KeyColumns(row.getBytes(1), row.getBytes(2), row.getInt(3));
            }
        }
    }

    /** What someone with write access to the database can do. */
    private void writeKeyColumns(String table, Object id, KeyColumns columns) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(
                "update " + table + " set public_key = ?, wrapped_private_key = ?, key_wrap_format = ? where id = ?")) {
            update.setBytes(1, columns.publicKey());
            update.setBytes(2, columns.wrappedPrivateKey());
            update.setInt(3, columns.format());
            update.setObject(4, id);
            assertEquals(1, update.executeUpdate());
        }
    }

    /** Every stored key pair's columns, by table and id. */
    private Map<String, String> storedKeyPairs() throws SQLException {
        Map<String, String> rows = new HashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            for (String table : List.of("hospital", "patient")) {
                try (PreparedStatement select = connection.prepareStatement("select id, public_key, "
                        + "wrapped_private_key, key_wrap_format from " + table);
                     ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        rows.put(table + " " + row.getString(1), HexFormat.of().formatHex(row.getBytes(2)) + " "
                                + HexFormat.of().formatHex(row.getBytes(3)) + " " + row.getInt(4));
                    }
                }
            }
        }
        return rows;
    }

    private int rowsInFormat1() throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select (select count(*) from patient where key_wrap_format = 1) "
                        + "+ (select count(*) from hospital where key_wrap_format = 1)");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }
}
