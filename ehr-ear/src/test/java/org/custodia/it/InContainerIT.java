package org.custodia.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;

import org.custodia.access.AuditEntries;
import org.custodia.audit.AuditChainReport;
import org.custodia.audit.AuditFilter;
import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditRecord;
import org.custodia.audit.AuditTrail;
import org.custodia.audit.AuditedAction;
import org.custodia.crypto.PreKeyPair;
import org.custodia.crypto.envelope.StreamingEnvelopes;
import org.custodia.crypto.pre.AfghKem;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The application from inside: this class runs in the EAR's web module. An entity round-trips through Hibernate on
 * the domain's database (H2, and PostgreSQL in the build's second run), with the schema Flyway created at start-up; a
 * succeeded action's audit entry commits with the action's transaction, or rolls back with it and is followed by a
 * failed entry (written from the transaction's completion, as Payara runs it);
 * jblst's native library works inside Payara, also across a redeploy: the proxy re-encryption round trip runs, the
 * application is undeployed and deployed again (a new class loader, which must load the native library again), and
 * the round trip runs again. The steps are one scenario, hence the fixed order; the redeploy steps test the server,
 * not the database, and run on H2 only.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InContainerIT {

    private static final String DEPLOYMENT = "custodia";
    /** JVM-wide, so the second deployment can tell it runs in another class loader than the first. */
    private static final String FIRST_LOADER = "custodia.it.crypto.first-class-loader";

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false)
    static EnterpriseArchive deployment() {
        return Deployments.applicationRunning(InContainerIT.class);
    }

    @Test
    @Order(1)
    @RunAsClient
    void deploy() {
        deployer.deploy(DEPLOYMENT);
    }

    @Test
    @Order(2)
    @OperateOnDeployment(DEPLOYMENT)
    void proxyReEncryptionWorksInTheContainer() throws Exception {
        assertDelegatedRoundTrip();
        System.setProperty(FIRST_LOADER, loaderIdentity());
    }

    @Test
    @Order(3)
    @OperateOnDeployment(DEPLOYMENT)
    void auditEntryIsWrittenAndReadBackInSeparateTransactions() throws NamingException {
        AuditTrail trail = (AuditTrail) new InitialContext().lookup("java:app/ehr-ejb/AuditTrail");
        String subject = "record-" + UUID.randomUUID();

        AuditRecord written = trail.record("it.clerk", AuditedAction.RECORD_DOWNLOAD, subject, AuditOutcome.REFUSED,
                "no grant for this hospital");
        AuditRecord read = trail.find(written.id()).orElseThrow();

        assertEquals("it.clerk", read.actor());
        assertEquals("record.download", read.action());
        assertEquals(subject, read.subject());
        assertEquals(AuditOutcome.REFUSED, read.outcome());
        assertEquals("no grant for this hospital", read.detail());
        assertEquals(written.occurredAt(), read.occurredAt());
        AuditFilter bySubject = new AuditFilter(null, null, subject, null, null);
        assertEquals(List.of(written.id()), trail.search(bySubject, null, 10).stream().map(AuditRecord::id).toList());
        assertEquals(1, trail.search(new AuditFilter("it.clerk", "record.download", subject, written.occurredAt(),
                written.occurredAt().plusMillis(1)), null, 10).size(), "all criteria together select it");
        assertEquals(0, trail.search(new AuditFilter("someone.else", null, subject, null, null), null, 10).size());
        assertEquals(0, trail.search(new AuditFilter(null, null, subject, written.occurredAt().plusMillis(1), null),
                null, 10).size(), "from is inclusive and excludes what came before");
    }

    @Test
    @Order(3)
    @OperateOnDeployment(DEPLOYMENT)
    void aSucceededActionsEntryCommitsWithItsTransactionAndARolledBackOneIsAuditedAsFailed() throws Exception {
        AuditTrail trail = (AuditTrail) new InitialContext().lookup("java:app/ehr-ejb/AuditTrail");
        UserTransaction transaction = InitialContext.doLookup("java:comp/UserTransaction");
        AuditEntries entries = new AuditEntries(trail,
                InitialContext.doLookup("java:comp/TransactionSynchronizationRegistry"));

        String committed = "committed-" + UUID.randomUUID();
        transaction.begin();
        try {
            entries.write("it.clerk", AuditedAction.PATIENT_FIND, committed, AuditOutcome.SUCCEEDED, "1 patient");
            transaction.commit();
        } finally {
            rollBackIfActive(transaction);
        }
        List<AuditRecord> found = trail.search(new AuditFilter(null, null, committed, null, null), null, 10);
        assertEquals(List.of(AuditOutcome.SUCCEEDED), found.stream().map(AuditRecord::outcome).toList());
        assertEquals("1 patient", found.get(0).detail());

        String rolledBack = "rolled-back-" + UUID.randomUUID();
        AuditFilter bySubject = new AuditFilter(null, null, rolledBack, null, null);
        transaction.begin();
        try {
            entries.write("it.clerk", AuditedAction.PATIENT_FIND, rolledBack, AuditOutcome.SUCCEEDED, "1 patient");
            // the count joins the transaction and flushes the entry: the rollback undoes an insert sent on a
            // connection enlisted in it, as an action's failed commit would
            assertEquals(1, trail.search(bySubject, null, 10).size(), "the entry is in the action's transaction");
        } finally {
            transaction.rollback();
        }
        List<AuditRecord> failed = trail.search(bySubject, null, 10);
        assertEquals(List.of(AuditOutcome.FAILED), failed.stream().map(AuditRecord::outcome).toList(),
                "the entry rolled back with the action, and the attempt was audited afterwards");
        assertEquals("not completed: its transaction rolled back", failed.get(0).detail());
    }

    private static void rollBackIfActive(UserTransaction transaction) throws SystemException {
        if (transaction.getStatus() == Status.STATUS_ACTIVE) {
            transaction.rollback();
        }
    }

    @Test
    @Order(3)
    @OperateOnDeployment(DEPLOYMENT)
    void aSealedEntryChangedOrDeletedInTheDatabaseIsFoundByTheChainCheck() throws Exception {
        AuditTrail trail = (AuditTrail) new InitialContext().lookup("java:app/ehr-ejb/AuditTrail");
        DataSource database = (DataSource) new InitialContext().lookup("jdbc/custodia");
        AuditRecord written = trail.record("it.auditor", AuditedAction.RECORD_DOWNLOAD, "chain-" + UUID.randomUUID(),
                AuditOutcome.SUCCEEDED, "the original detail");
        while (trail.sealPending(5000) > 0) {
            // seal everything written so far, this entry included
        }
        AuditChainReport sealed = trail.verify();
        assertTrue(sealed.intact(), sealed.problem());
        try (Connection connection = database.getConnection()) {
            long sequence = longOf(connection, "select sequence from audit_entry where id = ?", written.id());
            assertTrue(sequence > 0 && sequence <= sealed.head(), "sealed at " + sequence);

            assertEquals(1, update(connection, "update audit_entry set detail = 'nothing happened' where id = ?",
                    written.id()));
            AuditChainReport edited = trail.verify();
            assertEquals(sequence, edited.brokenAt(), edited.toString());
            assertTrue(edited.problem().contains("changed"), edited.problem());
            update(connection, "update audit_entry set detail = 'the original detail' where id = ?", written.id());
            assertTrue(trail.verify().intact(), "restored");

            Map<String, Object> row = rowOf(connection, written.id());
            assertEquals(1, update(connection, "delete from audit_entry where id = ?", written.id()));
            AuditChainReport deleted = trail.verify();
            assertEquals(sequence, deleted.brokenAt(), deleted.toString());
            assertTrue(deleted.problem().contains("missing"), deleted.problem());
            insert(connection, row);
            assertTrue(trail.verify().intact(), "restored");
        }
    }

    private static long longOf(Connection connection, String sql, UUID id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, id);
            try (ResultSet result = statement.executeQuery()) {
                assertTrue(result.next(), sql);
                return result.getLong(1);
            }
        }
    }

    private static int update(Connection connection, String sql, UUID id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, id);
            return statement.executeUpdate();
        }
    }

    private static Map<String, Object> rowOf(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select * from audit_entry where id = ?")) {
            statement.setObject(1, id);
            try (ResultSet result = statement.executeQuery()) {
                assertTrue(result.next());
                Map<String, Object> row = new LinkedHashMap<>();
                for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
                    String name = result.getMetaData().getColumnName(column);
                    // the one timestamp, read with its offset so that it goes back in as the same instant
                    row.put(name, name.equalsIgnoreCase("occurred_at")
                            ? result.getObject(column, OffsetDateTime.class) : result.getObject(column));
                }
                return row;
            }
        }
    }

    private static void insert(Connection connection, Map<String, Object> row) throws SQLException {
        String sql = "insert into audit_entry (" + String.join(", ", row.keySet()) + ") values ("
                + String.join(", ", Collections.nCopies(row.size(), "?")) + ")";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            for (Object value : row.values()) {
                statement.setObject(index++, value);
            }
            statement.executeUpdate();
        }
    }

    @Test
    @Order(4)
    @Tag("h2-only")
    @RunAsClient
    void redeploy() {
        deployer.undeploy(DEPLOYMENT);
        deployer.deploy(DEPLOYMENT);
    }

    @Test
    @Order(5)
    @Tag("h2-only")
    @OperateOnDeployment(DEPLOYMENT)
    void proxyReEncryptionStillWorksAfterRedeploy() throws Exception {
        String first = System.getProperty(FIRST_LOADER);
        assertNotNull(first, "the first deployment ran the round trip");
        assertNotEquals(first, loaderIdentity(), "the application was loaded again");
        assertDelegatedRoundTrip();
    }

    @Test
    @Order(6)
    @RunAsClient
    void undeploy() {
        deployer.undeploy(DEPLOYMENT);
    }

    private static void assertDelegatedRoundTrip() throws Exception {
        AfghKem kem = new AfghKem(new SecureRandom());
        StreamingEnvelopes envelopes = new StreamingEnvelopes(kem);
        PreKeyPair owner = kem.generateKeyPair();
        PreKeyPair delegatee = kem.generateKeyPair();
        byte[] record = "in-container record".getBytes(StandardCharsets.US_ASCII);

        ByteArrayOutputStream envelope = new ByteArrayOutputStream();
        envelopes.encrypt(new byte[32], owner.publicKey(), new ByteArrayInputStream(record), envelope);
        ByteArrayOutputStream reEncrypted = new ByteArrayOutputStream();
        envelopes.reEncrypt(kem.reEncryptionKey(owner.privateKey(), delegatee.publicKey()),
                new ByteArrayInputStream(envelope.toByteArray()), reEncrypted);
        ByteArrayOutputStream plaintext = new ByteArrayOutputStream();
        envelopes.decrypt(delegatee.privateKey(), new ByteArrayInputStream(reEncrypted.toByteArray()), plaintext);
        assertArrayEquals(record, plaintext.toByteArray());
    }

    private static String loaderIdentity() {
        ClassLoader loader = AfghKem.class.getClassLoader();
        return loader.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(loader));
    }
}
