package org.custodia.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.kernel.Failure;
import org.custodia.ledger.api.AccessScope;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.Category;
import org.custodia.ledger.api.ContractRefusalException;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerUnavailableException;
import org.custodia.ledger.api.TransactionState;
import org.custodia.persistence.TestDatabase;
import org.custodia.testing.FakeChain;
import org.custodia.testing.MovableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a node holds back across a restart: each test's "restart" is a new {@link PendingConsentSends} on the same
 * database, as a node that starts again has, with nothing in memory. On H2 here, on PostgreSQL in
 * {@link PendingConsentSendsPostgresTest}. The chain is a fake connection (no chain node runs here).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PendingConsentSendsTest {

    private static final Bytes32 TRANSACTION = Bytes32.fromHex("0x" + "7e".repeat(32));
    private static final PendingConsentSends.Change GRANT = new PendingConsentSends.Change(ConsentKind.GRANT,
            AccessScope.allRecords(Bytes32.fromHex("0x" + "d4".repeat(32))),
            LedgerAddress.fromHex("0x" + "b2".repeat(20)), "treatment");

    @TempDir
    static Path directory;

    private TestDatabase database;
    private TransactionalConsentSendJournal journal;
    private MovableClock clock;
    private FakeChain chain;
    private final List<String> sent = new ArrayList<>();

    TestDatabase openDatabase() throws Exception {
        return TestDatabase.h2(directory);
    }

    @BeforeAll
    void migrate() throws Exception {
        database = openDatabase();
        journal = new TransactionalConsentSendJournal(database.persistenceUnit(ConsentSend.class));
    }

    @AfterAll
    void close() {
        database.close();
    }

    @BeforeEach
    void setUp() {
        journal.clear();
        clock = new MovableClock(Instant.parse("2027-03-01T10:00:00Z"));
        chain = new FakeChain();
        sent.clear();
    }

    @Test
    void aChangeWhoseTransactionWaitsInThePoolIsHeldBackAfterARestartUntilItIsRefusedWhenMined() throws Exception {
        PendingConsentSends before = restarted();
        assertThrows(LedgerUnavailableException.class, () -> send(before, GRANT, this::stillPending));

        PendingConsentSends after = restarted();
        chain.answering("transactionState", arguments -> TransactionState.PENDING);
        clock.advance(Duration.ofDays(1));
        ConsentRefusedException held = assertThrows(ConsentRefusedException.class,
                () -> send(after, GRANT, this::issued));
        assertEquals(Failure.CONFLICT, held.failure());
        assertTrue(held.getMessage().contains("waits to be mined in transaction " + TRANSACTION), held.getMessage());

        chain.answering("transactionState", arguments -> TransactionState.REVERTED);
        assertEquals("sent", send(after, GRANT, this::issued), "refused when mined: nothing held back");
        assertEquals(List.of("pending", "issued"), sent);
    }

    @Test
    void aChangeMinedBeforeARestartIsHeldBackForAWhileAfterItsOutcomeTurnedOutUnknown() throws Exception {
        assertThrows(LedgerUnavailableException.class, () -> send(restarted(), GRANT, this::stillPending));

        chain.answering("transactionState", arguments -> TransactionState.MINED);
        clock.advance(PendingConsentSends.UNKNOWN_FOR.minusSeconds(1));
        ConsentRefusedException held = assertThrows(ConsentRefusedException.class,
                () -> send(restarted(), GRANT, this::issued));
        assertTrue(held.getMessage().contains("was made already by transaction " + TRANSACTION), held.getMessage());

        clock.advance(Duration.ofSeconds(1));
        assertEquals("sent", send(restarted(), GRANT, this::issued), "its event has shown it in the lists by now");
        assertEquals(List.of("pending", "issued"), sent);
    }

    /**
     * A node that stopped while it was sending a change (the process killed between the row and the chain's answer)
     * cannot say whether the transaction reached the chain node: after the restart the change counts as unconfirmed
     * since it began, and the refusal says so (not that it is being sent now).
     */
    @Test
    void aChangeTheNodeWasSendingWhenItStoppedCountsAsUnconfirmedSinceItBegan() throws Exception {
        Instant began = clock.instant();
        List<ConsentRefusedException> afterRestart = new ArrayList<>();
        send(restarted(), GRANT, () -> {
            clock.advance(Duration.ofMinutes(2));
            afterRestart.add(assertThrows(ConsentRefusedException.class,
                    () -> send(restarted(), GRANT, this::issued)));
            return "killed";
        });

        String refusal = afterRestart.get(0).getMessage();
        assertTrue(refusal.contains("unconfirmed since " + began) && refusal.contains("may still take effect")
                && refusal.contains("try again after " + began.plus(PendingConsentSends.UNKNOWN_FOR)), refusal);
        assertEquals(List.of(), sent, "nothing sent by the restarted node");
    }

    @Test
    void aChangeSentOrRefusedLeavesNothingBehind() throws Exception {
        assertEquals("sent", send(restarted(), GRANT, this::issued));
        assertEquals(Optional.empty(), journal.find(GRANT.digest()));
        assertThrows(ContractRefusalException.class, () -> send(restarted(), GRANT, () -> {
            sent.add("refused");
            throw new ContractRefusalException("NotAMember", "the registry refused the grant");
        }));
        assertEquals(Optional.empty(), journal.find(GRANT.digest()));
        assertEquals("sent", send(restarted(), GRANT, this::issued));
        assertEquals(List.of("issued", "refused", "issued"), sent);
    }

    @Test
    void onlyTheSameChangeIsHeldBackAfterARestart() throws Exception {
        assertThrows(LedgerUnavailableException.class, () -> send(restarted(), GRANT, this::stillPending));
        chain.answering("transactionState", arguments -> TransactionState.PENDING);
        PendingConsentSends after = restarted();
        AccessScope scope = GRANT.scope();
        for (PendingConsentSends.Change other : List.of(
                new PendingConsentSends.Change(ConsentKind.REQUEST, scope, GRANT.counterpart(), GRANT.purpose()),
                new PendingConsentSends.Change(ConsentKind.GRANT, scope, GRANT.counterpart(), "referral"),
                new PendingConsentSends.Change(ConsentKind.GRANT, scope,
                        LedgerAddress.fromHex("0x" + "c3".repeat(20)), GRANT.purpose()),
                new PendingConsentSends.Change(ConsentKind.GRANT,
                        AccessScope.category(scope.patientPseudonym(), new Category("laboratory")),
                        GRANT.counterpart(), GRANT.purpose()),
                new PendingConsentSends.Change(ConsentKind.GRANT,
                        AccessScope.allRecords(Bytes32.fromHex("0x" + "d5".repeat(32))), GRANT.counterpart(),
                        GRANT.purpose()))) {
            assertEquals("sent", send(after, other, this::issued), other.described());
        }
        assertThrows(ConsentRefusedException.class, () -> send(after, GRANT, this::issued));
    }

    @Test
    void rowsOlderThanAWeekAreDeletedWhenAnotherChangeIsSent() throws Exception {
        assertThrows(LedgerUnavailableException.class, () -> send(restarted(), GRANT, this::stillPending));
        PendingConsentSends.Change other = new PendingConsentSends.Change(ConsentKind.REQUEST, GRANT.scope(),
                GRANT.counterpart(), GRANT.purpose());

        clock.advance(ConsentSendJournal.KEPT_FOR);
        send(restarted(), other, this::issued);
        assertTrue(journal.find(GRANT.digest()).isPresent(), "a week old to the microsecond: kept");

        clock.advance(Duration.of(1, ChronoUnit.MICROS));
        send(restarted(), other, this::issued);
        assertEquals(Optional.empty(), journal.find(GRANT.digest()));
    }

    /** Deleting them takes a transaction of its own: a run does it once per {@code JOURNAL_TIDIED_EVERY} at most. */
    @Test
    void theWeekOldRowsAreDeletedAtMostOnceAnHour() throws Exception {
        assertThrows(LedgerUnavailableException.class, () -> send(restarted(), GRANT, this::stillPending));
        PendingConsentSends.Change other = new PendingConsentSends.Change(ConsentKind.REQUEST, GRANT.scope(),
                GRANT.counterpart(), GRANT.purpose());
        PendingConsentSends sends = restarted();

        clock.advance(ConsentSendJournal.KEPT_FOR.minusMinutes(30));
        send(sends, other, this::issued);
        clock.advance(Duration.ofMinutes(31));
        send(sends, other, this::issued);
        assertTrue(journal.find(GRANT.digest()).isPresent(), "past a week, but old rows were looked for 31 min ago");

        clock.advance(Duration.ofMinutes(29));
        send(sends, other, this::issued);
        assertEquals(Optional.empty(), journal.find(GRANT.digest()), "an hour after they were last looked for");
    }

    /** The database refuses the row or its read (faults put in for the test): the change is not sent. */
    @Test
    void aChangeTheDatabaseCannotHoldBackIsNotSent() throws Exception {
        for (String failing : List.of("find", "claim")) {
            PendingConsentSends sends = new PendingConsentSends(clock, faultyJournal(failing));

            DependencyUnavailableException e = assertThrows(DependencyUnavailableException.class,
                    () -> send(sends, GRANT, this::issued), failing);
            assertTrue(e.getMessage().contains("so it was not sent"), e.getMessage());
            assertEquals(Optional.of("the node cannot save the change now: nothing was changed; try again later"),
                    e.forStaff());
        }
        assertEquals(List.of(), sent);
        assertEquals("sent", send(restarted(), GRANT, this::issued), "nothing held back");
    }

    /**
     * The database cannot forget a change that was sent (a fault put in for the test): the answer stands, and the
     * same change is held back as one whose outcome is unknown, for a while, rather than sent again at once.
     */
    @Test
    void aSentChangeTheDatabaseCannotForgetIsHeldBackForAWhile() throws Exception {
        PendingConsentSends sends = new PendingConsentSends(clock, faultyJournal("settled"));
        assertEquals("sent", send(sends, GRANT, this::issued));

        ConsentRefusedException held = assertThrows(ConsentRefusedException.class,
                () -> send(sends, GRANT, this::issued));
        assertTrue(held.getMessage().contains("may still take effect"), held.getMessage());
        clock.advance(PendingConsentSends.UNKNOWN_FOR);
        assertEquals("sent", send(restarted(), GRANT, this::issued));
        assertEquals(List.of("issued", "issued"), sent);
    }

    /**
     * A claim that outlived {@link PendingConsentSends#UNKNOWN_FOR} may be taken over; its late settling then
     * leaves the new claim's row as it is.
     */
    @Test
    void aLateSettlingLeavesTheClaimThatReplacedItsOwn() {
        Instant first = clock.instant();
        Instant second = first.plus(PendingConsentSends.UNKNOWN_FOR);
        journal.claim(GRANT.digest(), first);
        journal.claim(GRANT.digest(), second);

        journal.unconfirmed(GRANT.digest(), new PendingConsentSends.Sending(first, second, Optional.of(TRANSACTION)));
        journal.settled(GRANT.digest(), first);

        assertEquals(Optional.of(new PendingConsentSends.Sending(second, null, Optional.empty())),
                journal.find(GRANT.digest()));
        journal.settled(GRANT.digest(), second);
        assertEquals(Optional.empty(), journal.find(GRANT.digest()));
    }

    /** The journal on this test's database, with the named method failing as a database that refuses it. */
    private ConsentSendJournal faultyJournal(String failing) {
        return new TransactionalConsentSendJournal(database.persistenceUnit(ConsentSend.class)) {
            @Override
            public Optional<PendingConsentSends.Sending> find(String changeDigest) {
                refuseIf("find");
                return super.find(changeDigest);
            }

            @Override
            public void claim(String changeDigest, Instant startedAt) {
                refuseIf("claim");
                super.claim(changeDigest, startedAt);
            }

            @Override
            public void settled(String changeDigest, Instant startedAt) {
                refuseIf("settled");
                super.settled(changeDigest, startedAt);
            }

            private void refuseIf(String method) {
                if (method.equals(failing)) {
                    throw new IllegalStateException("the database refuses " + method);
                }
            }
        };
    }

    private PendingConsentSends restarted() {
        return new PendingConsentSends(clock, journal);
    }

    private String send(PendingConsentSends sends, PendingConsentSends.Change change,
            PendingConsentSends.Send<String> send) throws Exception {
        try (LedgerConnection connection = chain.getConnection()) {
            return sends.sendOnce(change, connection, send);
        }
    }

    private String issued() {
        sent.add("issued");
        return "sent";
    }

    /** What the connector throws for a transaction handed to the chain node and not confirmed in time. */
    private String stillPending() throws LedgerUnavailableException {
        sent.add("pending");
        throw new LedgerUnavailableException("the transaction was handed to the node and may still be mined",
                TRANSACTION, null);
    }
}
