package org.custodia.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.custodia.kernel.NodeSettings;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.EventPosition;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerEvent;
import org.custodia.ledger.api.MemberRole;
import org.custodia.outbox.Outbox;
import org.custodia.persistence.TestDatabase;
import org.custodia.persistence.TestPersistenceUnit;
import org.custodia.testing.Beans;
import org.custodia.testing.FakeChain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hospital node queues when the consortium's membership changes: the reconciliations of the re-keys that
 * depend on the member, read from the node's consent index on a migrated H2 database. Without them, a grant to a
 * hospital that had not published its PRE key yet got no re-key for its whole life, a hospital's new key none, and
 * a new proxy none of the grants already live. And when a request is decided or an emergency access reviewed: a look
 * at the entry, which marks it settled for the lists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsentEventsTest {

    /** This node's own account. */
    private static final String SELF = "0x" + "a1".repeat(20);
    private static final String B = "0x" + "b2".repeat(20);
    private static final String C = "0x" + "c3".repeat(20);
    private static final String D = "0x" + "d4".repeat(20);
    private static final String PROXY = "0x" + "e5".repeat(20);
    private static final String PATIENT_1 = "01".repeat(32);
    private static final String PATIENT_2 = "02".repeat(32);
    private static final String PATIENT_3 = "03".repeat(32);

    @TempDir
    static Path directory;

    private TestDatabase database;
    private EntityManagerFactory emf;
    private EntityManager reader;
    private final List<String> queued = new ArrayList<>();
    private final Instant now = Instant.now();

    @BeforeAll
    void openDatabase() {
        database = TestDatabase.h2(directory);
        emf = database.persistenceUnit(ConsentRef.class);
        Instant live = now.plus(Duration.ofDays(30));
        remember(ConsentKind.GRANT, 1, Direction.OUTGOING, PATIENT_1, B, live);
        remember(ConsentKind.GRANT, 2, Direction.OUTGOING, PATIENT_1, C, live);
        remember(ConsentKind.GRANT, 3, Direction.OUTGOING, PATIENT_1, B, live);
        remember(ConsentKind.GRANT, 4, Direction.OUTGOING, PATIENT_2, B, now.minus(Duration.ofMinutes(1)));
        remember(ConsentKind.EMERGENCY, 5, Direction.INCOMING, PATIENT_3, B, now.plus(Duration.ofHours(4)));
        remember(ConsentKind.GRANT, 6, Direction.INCOMING, PATIENT_2, C, live);
        remember(ConsentKind.REQUEST, 7, Direction.OUTGOING, PATIENT_2, D, null);
        reader = emf.createEntityManager();
    }

    @AfterAll
    void closeDatabase() {
        try {
            reader.close();
        } finally {
            database.close();
        }
    }

    @BeforeEach
    void nothingQueued() {
        queued.clear();
    }

    @Test
    void aHospitalThatPublishesAKeyHasTheLivePairsItIsGrantedReconciled() {
        events("hospital").onNewEvent(new LedgerEvent.MemberUpdated(position(), LedgerAddress.fromHex(B), "B",
                URI.create("https://b.example.org/custodia"), new byte[] {1}));

        assertEquals(Set.of(reKey(PATIENT_1, B), reKey(PATIENT_3, B)), queuedOnce(),
                "the grants this node issued to B and the emergency B declared; not the expired grant");
    }

    @Test
    void aNewProxyHasEveryLivePairReconciled() {
        events("hospital").onNewEvent(new LedgerEvent.MemberAdded(position(), LedgerAddress.fromHex(PROXY),
                MemberRole.PROXY, "Proxy", URI.create("https://proxy.example.org/custodia"), new byte[0]));

        assertEquals(Set.of(reKey(PATIENT_1, B), reKey(PATIENT_1, C), reKey(PATIENT_3, B)), queuedOnce());
    }

    @Test
    void aRemovedHospitalHasItsPairsReconciledAndANewOneNone() {
        ConsentEvents events = events("hospital");
        events.onNewEvent(new LedgerEvent.MemberRemoved(position(), LedgerAddress.fromHex(C)));
        assertEquals(Set.of(reKey(PATIENT_1, C)), queuedOnce(), "the grant to C: its re-keys are withdrawn");

        queued.clear();
        events.onNewEvent(new LedgerEvent.MemberAdded(position(), LedgerAddress.fromHex(D), MemberRole.HOSPITAL,
                "D", URI.create("https://d.example.org/custodia"), new byte[] {1}));
        assertEquals(List.of(), queued, "nothing this node issued covers D (the request to D grants nothing)");
    }

    /**
     * This node removed and admitted again: each proxy deleted its re-keys at the removal, so every live pair is
     * reconciled. Before, only pairs naming the added account as counterpart were, and this node is none's.
     */
    @Test
    void thisNodeAdmittedAgainHasEveryLivePairReconciled() {
        events("hospital").onNewEvent(new LedgerEvent.MemberAdded(position(), LedgerAddress.fromHex(SELF),
                MemberRole.HOSPITAL, "Hospital A", URI.create("https://a.example.org/custodia"), new byte[] {1}));

        assertEquals(Set.of(reKey(PATIENT_1, B), reKey(PATIENT_1, C), reKey(PATIENT_3, B)), queuedOnce());
    }

    @Test
    void aDecisionOrAReviewQueuesALookAtItsEntryWhichNotesItSettled() {
        ConsentEvents events = events("hospital");
        LedgerAddress requester = LedgerAddress.fromHex(B);
        events.onNewEvent(new LedgerEvent.AccessRequestApproved(position(), 7, 11, requester));
        events.onNewEvent(new LedgerEvent.AccessRequestDenied(position(), 8, requester, LedgerAddress.fromHex(D)));
        events.onNewEvent(new LedgerEvent.EmergencyAccessReviewed(position(), 5, Bytes32.fromHex(PATIENT_3),
                LedgerAddress.fromHex(C)));

        assertEquals(List.of(look("request:7"), look("request:8"), look("emergency:5")), queued);
    }

    @Test
    void aProxyNodeQueuesNothing() {
        events("proxy").onNewEvent(new LedgerEvent.MemberAdded(position(), LedgerAddress.fromHex(PROXY),
                MemberRole.PROXY, "Proxy", URI.create("https://proxy.example.org/custodia"), new byte[0]));

        assertEquals(List.of(), queued);
    }

    private ConsentEvents events(String role) {
        ConsentRefs refs = new ConsentRefs();
        Beans.inject(refs, ConsentRefs.class, "em", reader);
        Outbox outbox = new Outbox() {
            @Override
            public void enqueue(String kind, String subject) {
                queued.add(kind + " " + subject);
            }
        };
        ConsentEvents events = new ConsentEvents();
        Beans.inject(events, ConsentEvents.class, "refs", refs);
        Beans.inject(events, ConsentEvents.class, "outbox", outbox);
        Beans.inject(events, ConsentEvents.class, "settings", new NodeSettings(role, "Hospital A", "/tmp", "/tmp",
                "http://127.0.0.1:1", 0));
        Beans.inject(events, ConsentEvents.class, "ledger",
                new FakeChain().answering("account", arguments -> LedgerAddress.fromHex(SELF)));
        return events;
    }

    /** What was queued, each pair once though two grants cover one of them. */
    private Set<String> queuedOnce() {
        Set<String> once = new TreeSet<>(queued);
        assertEquals(once.size(), queued.size(), "each pair once: " + queued);
        return once;
    }

    private static String look(String subject) {
        return ConsentEventCommand.KIND + " " + subject;
    }

    private static String reKey(String patient, String hospital) {
        return ReKeyCommand.KIND + " " + ReKeyCommand.subject(patient, hospital);
    }

    private void remember(ConsentKind kind, long id, Direction direction, String patient, String counterpart,
            Instant expiresAt) {
        TestPersistenceUnit.inTransaction(emf, em -> {
            ConsentRefs refs = new ConsentRefs();
            Beans.inject(refs, ConsentRefs.class, "em", em);
            refs.remember(kind, id, direction, patient, counterpart, expiresAt);
            return null;
        });
    }

    private static EventPosition position() {
        return new EventPosition(10, 0, Bytes32.fromHex("ab".repeat(32)), Bytes32.fromHex("cd".repeat(32)),
                LedgerAddress.fromHex("0x" + "99".repeat(20)));
    }
}
