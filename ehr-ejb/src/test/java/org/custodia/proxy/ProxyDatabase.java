package org.custodia.proxy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.persistence.EntityManagerFactory;

import org.custodia.audit.AuditTrail;
import org.custodia.crypto.ReEncryptionKey;
import org.custodia.persistence.TestDatabase;
import org.custodia.persistence.TestPersistenceUnit;
import org.custodia.sealing.KeyEncryptionKey;
import org.custodia.sealing.NodeKeystore;
import org.custodia.sealing.NodeSealing;
import org.custodia.testing.Beans;
import org.custodia.testing.RecordingAuditTrail;

/**
 * The migrated schema on a test database (the mapping validated against it; H2 unless a test gives another), a node
 * keystore, and a {@link SealedReKeys} whose every call runs in its own transaction, as the container runs it.
 */
final class ProxyDatabase implements AutoCloseable {

    private static final char[] PASSWORD = "proxy-keystore-secret".toCharArray();

    private final TestDatabase database;
    private final DataSource dataSource;
    private final EntityManagerFactory emf;
    private final KeyEncryptionKey kek;
    private final ProxySuite suite = new ProxySuite();

    /** On an H2 file database in {@code directory}, with the keystore beside it. */
    ProxyDatabase(Path directory) throws Exception {
        this(directory, TestDatabase.h2(directory));
    }

    /** On {@code database}, which it closes, with the keystore in {@code directory}. */
    ProxyDatabase(Path directory, TestDatabase database) throws Exception {
        this.database = database;
        try {
            dataSource = database.dataSource();
            emf = database.persistenceUnit(Map.of("hibernate.hbm2ddl.auto", "validate"), ProxyReKey.class,
                    ProxyReKeyGeneration.class, ProxyMemberRemoval.class, ProxyReKeyLock.class);
            kek = NodeKeystore.openOrCreate(directory.resolve("secrets").resolve("node-keys.p12"), PASSWORD,
                    new SecureRandom());
        } catch (Exception e) {
            database.close();
            throw e;
        }
    }

    ProxySuite suite() {
        return suite;
    }

    /** The re-key rows, sealed under this database's node keystore; changes audited into a trail of their own. */
    SealedReKeys reKeys() {
        return reKeys(new RecordingAuditTrail());
    }

    /** The re-key rows, sealed under this database's node keystore, each change audited into {@code audit}. */
    SealedReKeys reKeys(AuditTrail audit) {
        return new TransactionalReKeys(audit);
    }

    /** The key-encryption key of this database's node keystore. */
    KeyEncryptionKey keyEncryptionKey() {
        return kek;
    }

    /** Whether the re-key rows' sample opens under {@code sealing} (empty when none is held). */
    Optional<Boolean> sampleOpensUnder(KeyEncryptionKey sealing) {
        return TestPersistenceUnit.inTransaction(emf, em -> {
            ReKeySample sample = new ReKeySample();
            Beans.inject(sample, ReKeySample.class, "em", em);
            return sample.opensUnder(sealing);
        });
    }

    /** The sealed bytes stored under {@code id}, as the database holds them. */
    Optional<byte[]> sealedBytes(ProxyReKeyId id) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select sealed_re_key from proxy_re_key where custodian = ? and owner_fingerprint = ? "
                        + "and delegatee = ?")) {
            bind(select, id, 1);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getBytes(1)) : Optional.empty();
            }
        }
    }

    /** The number of the last call applied for {@code id}, as the database holds it. */
    OptionalLong callNumber(ProxyReKeyId id) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select generation from proxy_re_key_generation where custodian = ? and owner_fingerprint = ? "
                        + "and delegatee = ?")) {
            bind(select, id, 1);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /**
     * Runs {@code during} while another transaction holds the row of {@code id}'s last call number locked, as a call
     * for the same re-key being applied would.
     */
    void whileCallNumberLocked(ProxyReKeyId id, Runnable during) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement("select generation from proxy_re_key_generation "
                    + "where custodian = ? and owner_fingerprint = ? and delegatee = ? for update")) {
                bind(lock, id, 1);
                try (ResultSet row = lock.executeQuery()) {
                    if (!row.next()) {
                        throw new IllegalStateException("no call number is held for " + id);
                    }
                }
                during.run();
            } finally {
                connection.rollback();
            }
        }
    }

    /** Puts {@code sealed} under {@code id} behind the application's back, as someone with database access could. */
    void insertSealed(ProxyReKeyId id, byte[] sealed) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "insert into proxy_re_key (custodian, owner_fingerprint, delegatee, sealed_re_key, stored_at) "
                        + "values (?, ?, ?, ?, current_timestamp)")) {
            bind(insert, id, 1);
            insert.setBytes(4, sealed);
            insert.executeUpdate();
        }
    }

    /**
     * Deletes every re-key row, every call number applied and every member removal: a fresh store for the next test,
     * on the same migrated schema and keystore.
     */
    void clear() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement delete = connection.createStatement()) {
            delete.executeUpdate("delete from proxy_re_key");
            delete.executeUpdate("delete from proxy_re_key_generation");
            delete.executeUpdate("delete from proxy_member_removal");
        }
    }

    @Override
    public void close() {
        database.close();
    }

    private static void bind(PreparedStatement statement, ProxyReKeyId id, int first) throws SQLException {
        statement.setString(first, id.custodian());
        statement.setString(first + 1, id.ownerFingerprint());
        statement.setString(first + 2, id.delegatee());
    }

    /** Each call in its own resource-local transaction. */
    private final class TransactionalReKeys extends SealedReKeys {

        TransactionalReKeys(AuditTrail audit) {
            Beans.inject(this, SealedReKeys.class, "audit", audit);
            Beans.inject(this, SealedReKeys.class, "sealing", new NodeSealing() {
                @Override
                public KeyEncryptionKey keyEncryptionKey() {
                    return kek;
                }
            });
            Beans.inject(this, SealedReKeys.class, "suite", suite);
        }

        private <T> T inTransaction(Supplier<T> work) {
            return TestPersistenceUnit.inTransaction(emf, em -> {
                Beans.inject(this, SealedReKeys.class, "em", em);
                return work.get();
            });
        }

        @Override
        public boolean put(ProxyReKeyId id, long generation, ReEncryptionKey key, String custodian,
                String subject) {
            return inTransaction(() -> super.put(id, generation, key, custodian, subject));
        }

        @Override
        public boolean remove(ProxyReKeyId id, long generation, String custodian, String subject) {
            return inTransaction(() -> super.remove(id, generation, custodian, subject));
        }

        @Override
        public int forgetCallNumbers(Instant appliedBefore) {
            return inTransaction(() -> super.forgetCallNumbers(appliedBefore));
        }

        @Override
        public int memberRemoved(String member, long blockNumber) {
            return inTransaction(() -> super.memberRemoved(member, blockNumber));
        }

        @Override
        public void removalsReplacedFrom(long fromBlock) {
            inTransaction(() -> {
                super.removalsReplacedFrom(fromBlock);
                return null;
            });
        }

        @Override
        public void memberAdded(String member) {
            inTransaction(() -> {
                super.memberAdded(member);
                return null;
            });
        }

        @Override
        public Optional<ReEncryptionKey> find(ProxyReKeyId id) {
            return inTransaction(() -> super.find(id));
        }

        @Override
        public long count() {
            return inTransaction(super::count);
        }
    }
}
