package org.custodia.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.persistence.EntityManagerFactory;

import org.custodia.outbox.OutboxCommand;
import org.custodia.outbox.OutboxTesting;
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
 * An action's intent on the real schema: replaced by its entry in one transaction; one a stopped node left behind
 * turned into an entry whose outcome is unknown at the next start, with who asked for what, sealed like any other;
 * intents of actions under way since the start left alone. On H2 here, on PostgreSQL in
 * {@link AuditIntentPostgresTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditIntentTest {

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
        emf = database.persistenceUnit(AuditEntry.class, AuditIntent.class, AuditChainHead.class, OutboxCommand.class);
    }

    @AfterAll
    void close() {
        database.close();
    }

    @BeforeEach
    void emptyTrail() {
        TestPersistenceUnit.inTransaction(emf, em -> {
            em.createQuery("delete from AuditIntent").executeUpdate();
            return em.createQuery("delete from AuditEntry").executeUpdate();
        });
    }

    @Test
    void theActionsEntryReplacesItsIntentInOneTransaction() {
        UUID intent = inTrail(trail -> trail.recordIntent("d.ross", AuditedAction.GRANT_CREATE, "p-1",
                "grant to 0xb2, ALL, TREATMENT"));
        assertEquals(1, intents());
        assertEquals(0, entries().size(), "an intent is not an entry of the trail");

        inTrail(trail -> trail.recordInPlaceOf(intent, "d.ross", AuditedAction.GRANT_CREATE, "p-1",
                AuditOutcome.SUCCEEDED, "grant 17 to 0xb2"));

        assertEquals(0, intents());
        AuditRecord entry = entries().get(0);
        assertEquals(List.of("d.ross grant.create p-1 SUCCEEDED grant 17 to 0xb2"), entries().stream()
                .map(AuditIntentTest::line).toList());
        assertEquals(0, settle(Instant.now().plusSeconds(60), 100),
                "nothing left to settle");
        assertEquals(List.of(entry), entries());
    }

    @Test
    void anIntentAStoppedNodeLeftBecomesAnEntryWithOutcomeUnknownAndIntentsOfThisRunStay() {
        inTrail(trail -> trail.recordIntent("d.ross", AuditedAction.GRANT_CREATE, "p-1",
                "grant to 0xb2, ALL, TREATMENT"));
        inTrail(trail -> trail.recordIntent("n.kim", AuditedAction.GRANT_REVOKE, "17", "revocation of grant 17"));
        Instant startedAt = Instant.now().plusMillis(5).truncatedTo(ChronoUnit.MICROS);
        sleepPast(startedAt);
        UUID underWay = inTrail(trail -> trail.recordIntent("a.lee", AuditedAction.ACCESS_REQUEST_DENY, "3",
                "denial of request 3"));

        assertEquals(1, settle(startedAt, 1), "at most as many as asked");
        assertEquals(1, settle(startedAt, 100));
        assertEquals(0, settle(startedAt, 100));

        List<AuditRecord> settled = entries();
        assertEquals(2, settled.size());
        AuditRecord grant = settled.stream().filter(entry -> entry.actor().equals("d.ross")).findFirst().orElseThrow();
        assertEquals("grant.create", grant.action());
        assertEquals("p-1", grant.subject());
        assertEquals(AuditOutcome.UNKNOWN, grant.outcome());
        assertTrue(grant.detail().startsWith("grant to 0xb2, ALL, TREATMENT; outcome not known: the node stopped "
                + "after "), grant.detail());
        assertTrue(settled.stream().anyMatch(entry -> entry.actor().equals("n.kim")
                && entry.outcome() == AuditOutcome.UNKNOWN && entry.detail().startsWith("revocation of grant 17;")));
        assertEquals(1, intents(), "the intent written since the start belongs to an action under way");

        inTrail(trail -> trail.recordInPlaceOf(underWay, "a.lee", AuditedAction.ACCESS_REQUEST_DENY, "3",
                AuditOutcome.SUCCEEDED, null));
        assertEquals(0, intents());
        inTrail(trail -> trail.sealPending(100));
        AuditChainReport report = inTrail(AuditTrail::verify);
        assertTrue(report.intact(), report.toString());
        assertEquals(3, report.head(), "the settled entries are sealed like any other");
    }

    private <T> T inTrail(Function<AuditTrail, T> work) {
        return TestPersistenceUnit.inTransaction(emf, em -> {
            AuditTrail trail = new AuditTrail();
            Beans.inject(trail, AuditTrail.class, "em", em);
            Beans.inject(trail, AuditTrail.class, "outbox", OutboxTesting.joining(em, Clock.systemUTC()));
            return work.apply(trail);
        });
    }

    private int settle(Instant startedAt, int max) {
        return inTrail(trail -> trail.settleInterrupted(startedAt, max));
    }

    private long intents() {
        return TestPersistenceUnit.inTransaction(emf, em -> em.createQuery("select count(i) from AuditIntent i",
                Long.class).getSingleResult());
    }

    private List<AuditRecord> entries() {
        return TestPersistenceUnit.inTransaction(emf, em -> em.createQuery("select e from AuditEntry e "
                + "order by e.occurredAt, e.id", AuditEntry.class).getResultList().stream().map(AuditEntry::toRecord)
                .toList());
    }

    private static String line(AuditRecord entry) {
        return entry.actor() + " " + entry.action() + " " + entry.subject() + " " + entry.outcome() + " "
                + entry.detail();
    }

    private static void sleepPast(Instant instant) {
        while (!Instant.now().isAfter(instant)) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
