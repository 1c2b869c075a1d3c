package org.custodia.ledger.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.custodia.kernel.InvalidInputException;
import org.custodia.ledger.api.AccessBasis;
import org.custodia.ledger.api.AuditHead;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.Category;
import org.custodia.ledger.api.EventPosition;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerEvent;
import org.custodia.ledger.api.RecordAnchor;
import org.custodia.persistence.H2FileDatabase;
import org.custodia.persistence.SchemaMigrator;
import org.custodia.persistence.TestPersistenceUnit;
import org.hibernate.dialect.H2Dialect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal keeps each event once, by chain position, on the migrated schema (H2). */
class ChainEventJournalTest {

    private static final LedgerAddress CUSTODIAN = LedgerAddress.fromHex("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    private static final LedgerAddress CONTRACT = LedgerAddress.fromHex("0xe7f1725e7734ce288f8367e1bb143e90bb3f0512");
    private static final LedgerAddress PROXY = LedgerAddress.fromHex("0x90f79bf6eb2c4f870365e785982e1f101e93b906");
    private static final LedgerAddress HOSPITAL_B = LedgerAddress.fromHex("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");
    private static final LedgerAddress HOSPITAL_C = LedgerAddress.fromHex("0x15d34aaf54267db7d7c367839aaf71a00a2c6a65");
    private static final Instant NOW = Instant.parse("2026-12-01T10:15:30.123456Z");

    @TempDir
    Path directory;

    private H2FileDatabase h2;
    private EntityManagerFactory emf;

    @BeforeEach
    void migrate() {
        h2 = H2FileDatabase.open(directory.resolve("journal"), "custodia", "test-only");
        SchemaMigrator.migrate(h2.dataSource(), getClass().getClassLoader());
        emf = TestPersistenceUnit.create(h2.dataSource(), Map.of("hibernate.dialect", H2Dialect.class.getName(),
                "hibernate.hbm2ddl.auto", "validate"), ChainEvent.class);
    }

    @AfterEach
    void close() {
        try {
            if (emf != null) {
                emf.close();
            }
        } finally {
            h2.close();
        }
    }

    @Test
    void anEventIsJournaledOnceWithWhatItIsAbout() {
        LedgerEvent anchored = recordAnchored(7, 2, "11");

        boolean first = inTransaction(journal -> journal.record(anchored));
        assertTrue(first);
        assertEquals(1, inTransaction(journal -> journal.latest(1)).get(0).deliveries());
        boolean again = inTransaction(journal -> journal.record(anchored));
        assertFalse(again, "a redelivery is not journaled again");

        List<JournaledEvent> events = inTransaction(journal -> journal.latest(10));
        assertEquals(1, events.size());
        JournaledEvent event = events.get(0);
        assertEquals(7, event.blockNumber());
        assertEquals(2, event.logIndex());
        assertEquals("RecordAnchored", event.name());
        assertEquals(CUSTODIAN.toString(), event.actor());
        assertEquals(bytes32("11").toString(), event.subject());
        assertEquals(CONTRACT.toString(), event.contract());
        assertEquals(bytes32("b7").toString(), event.blockHash());
        assertEquals(bytes32("c7").toString(), event.transactionHash());
        assertEquals(NOW, event.receivedAt());
        assertEquals(2, event.deliveries(), "the redelivery is counted");
    }

    /**
     * An event at a position the journal holds from another block: the chain was replaced from that block on (a
     * development chain reverted or started anew). The event was dropped as a redelivery, and its reactions (a
     * grant's re-key, say) never ran; now the replaced blocks' events are forgotten and the new one journaled.
     */
    @Test
    void anEventAtAPositionOfAReplacedBlockIsJournaledAndTheReplacedBlocksForgotten() {
        inTransaction(journal -> {
            journal.record(recordAnchored(6, 0, "01"));
            journal.record(recordAnchored(7, 2, "11"));
            journal.record(recordAnchored(8, 0, "12"));
            return null;
        });

        LedgerEvent replacing = recordAnchored(new EventPosition(7, 2, bytes32("f7"), bytes32("d7"), CONTRACT), "21");
        boolean journaled = inTransaction(journal -> journal.record(replacing));
        assertTrue(journaled, "a new event, not a redelivery");
        boolean again = inTransaction(journal -> journal.record(replacing));
        assertFalse(again, "its own redelivery is one");

        List<JournaledEvent> events = inTransaction(journal -> journal.latest(10));
        assertEquals(List.of("7/2 " + bytes32("21"), "6/0 " + bytes32("01")),
                events.stream().map(e -> e.blockNumber() + "/" + e.logIndex() + " " + e.subject()).toList(),
                "block 8 of the replaced chain forgotten, block 6 kept");
        assertEquals(bytes32("f7").toString(), events.get(0).blockHash());
        assertEquals(2, events.get(0).deliveries());
    }

    @Test
    void latestListsNewestFirstAcrossBlocksAndLogIndexes() {
        inTransaction(journal -> {
            journal.record(recordAnchored(3, 0, "01"));
            journal.record(recordAnchored(5, 1, "02"));
            journal.record(recordAnchored(5, 0, "03"));
            journal.record(new LedgerEvent.MemberRemoved(position(4, 0), CUSTODIAN));
            return null;
        });

        List<JournaledEvent> events = inTransaction(journal -> journal.latest(3));
        assertEquals(List.of("5/1", "5/0", "4/0"),
                events.stream().map(e -> e.blockNumber() + "/" + e.logIndex()).toList());
        JournaledEvent removal = events.get(2);
        assertEquals("MemberRemoved", removal.name());
        assertNull(removal.actor());
        assertEquals(CUSTODIAN.toString(), removal.subject());
    }

    @Test
    void anAnchoredAuditHeadIsJournaledWithItsMemberSequenceAndHash() {
        LedgerEvent anchored = new LedgerEvent.AuditHeadAnchored(position(9, 0), CUSTODIAN,
                new AuditHead(42, bytes32("4e")));
        boolean recorded = inTransaction(journal -> journal.record(anchored));
        assertTrue(recorded);

        JournaledEvent event = inTransaction(journal -> journal.latest(1)).get(0);
        assertEquals("AuditHeadAnchored", event.name());
        assertEquals(CUSTODIAN.toString(), event.actor());
        assertEquals("audit head 42 " + bytes32("4e"), event.subject());
    }

    @Test
    void aLimitOutsideOneToFiveHundredIsRefusedWhereItWasBroughtIntoRange() {
        inTransaction(journal -> journal.record(recordAnchored(7, 2, "11")));
        for (int limit : new int[] {0, -5, 501}) {
            assertEquals("limit must be 1 to 500", assertThrows(InvalidInputException.class,
                    () -> inTransaction(journal -> journal.latest(limit))).getMessage());
        }
        assertEquals(1, inTransaction(journal -> journal.latest(500)).size());
    }

    /**
     * Each access of a record is an event of its own: one is found by its transaction, the proxy that logged it and
     * the hospital that accessed it, in any letter case; an event journaled before accessors were kept matches any.
     */
    @Test
    void anAccessIsFoundByItsTransactionProxyAndAccessor() {
        inTransaction(journal -> journal.record(accessLogged(5, HOSPITAL_C)));
        inTransaction(journal -> journal.record(accessLogged(6, HOSPITAL_B)));
        String record = bytes32("11").toString();

        assertEquals(5, find(EventQuery.of("AccessLogged", record)), "the earliest of any");
        assertEquals(6, find(new EventQuery("AccessLogged", record, null, PROXY.toString().toUpperCase()
                .replace("0X", "0x"), HOSPITAL_B.toString().toUpperCase().replace("0X", "0x"))));
        assertEquals(6, find(new EventQuery("AccessLogged", record, bytes32("c6").toString(), null, null)));
        assertEquals(-1, find(new EventQuery("AccessLogged", record, bytes32("c5").toString(), null,
                HOSPITAL_B.toString())), "C's transaction is no access of B's");
        assertEquals(-1, find(new EventQuery("AccessLogged", record, null, HOSPITAL_B.toString(), null)),
                "B logged nothing: the proxy did");
        assertEquals("AccessLogged " + PROXY + " " + HOSPITAL_B, inTransaction(journal -> journal.latest(1)).stream()
                .map(event -> event.name() + " " + event.actor() + " " + event.counterpart()).findFirst()
                .orElseThrow());

        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            em.createNativeQuery("update chain_event set counterpart = null where block_number = 5").executeUpdate();
            em.getTransaction().commit();
        } finally {
            em.close();
        }
        assertEquals(5, find(new EventQuery("AccessLogged", record, null, null, HOSPITAL_B.toString())),
                "journaled before accessors were kept: it may be B's");
    }

    /** The block of the event {@code query} finds, or -1. */
    private long find(EventQuery query) {
        return inTransaction(journal -> journal.find(query)).map(JournaledEvent::blockNumber).orElse(-1L);
    }

    private static LedgerEvent accessLogged(long block, LedgerAddress accessor) {
        return new LedgerEvent.AccessLogged(position(block, 0), block, bytes32("11"), accessor, PROXY, bytes32("aa"),
                new AccessBasis(AccessBasis.Kind.GRANT, 1));
    }

    private <T> T inTransaction(Function<ChainEventJournal, T> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(new ChainEventJournal(em, Clock.fixed(NOW, ZoneOffset.UTC)));
            em.getTransaction().commit();
            return result;
        } finally {
            em.close();
        }
    }

    private static LedgerEvent recordAnchored(long block, int logIndex, String recordByte) {
        return recordAnchored(position(block, logIndex), recordByte);
    }

    private static LedgerEvent recordAnchored(EventPosition position, String recordByte) {
        return new LedgerEvent.RecordAnchored(position, CUSTODIAN, RecordAnchor.original(bytes32(recordByte),
                bytes32("aa"), bytes32("ee"), new Category("laboratory"), "application/pdf"));
    }

    private static EventPosition position(long block, int logIndex) {
        return new EventPosition(block, logIndex, bytes32("b" + block), bytes32("c" + block), CONTRACT);
    }

    private static Bytes32 bytes32(String lastByteHex) {
        return Bytes32.fromHex("0x" + "0".repeat(64 - lastByteHex.length()) + lastByteHex);
    }
}
