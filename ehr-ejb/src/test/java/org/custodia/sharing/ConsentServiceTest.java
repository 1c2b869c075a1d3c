package org.custodia.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.PersistenceException;

import org.custodia.access.Actor;
import org.custodia.access.AuditedCallRunner;
import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditRecord;
import org.custodia.audit.AuditedAction;
import org.custodia.kernel.ChainListPage;
import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.kernel.Failure;
import org.custodia.kernel.Given;
import org.custodia.kernel.InvalidInputException;
import org.custodia.kernel.NodeSettings;
import org.custodia.kernel.StaffRole;
import org.custodia.keys.WrappedKeyPair;
import org.custodia.ledger.api.AccessRequest;
import org.custodia.ledger.api.AccessScope;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.EmergencyAccess;
import org.custodia.ledger.api.EmergencyReason;
import org.custodia.ledger.api.Grant;
import org.custodia.ledger.api.Issued;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.LedgerUnavailableException;
import org.custodia.ledger.api.Member;
import org.custodia.ledger.api.MemberRole;
import org.custodia.ledger.api.NotAuthorizedException;
import org.custodia.ledger.api.StateConflictException;
import org.custodia.ledger.api.TransactionResult;
import org.custodia.ledger.api.TransactionState;
import org.custodia.ledger.api.UnknownEntryException;
import org.custodia.patients.PatientCustody;
import org.custodia.patients.PatientRegistry;
import org.custodia.patients.Pseudonym;
import org.custodia.records.RecordStore;
import org.custodia.persistence.TestDatabase;
import org.custodia.testing.Beans;
import org.custodia.testing.FakeChain;
import org.custodia.testing.MovableClock;
import org.custodia.testing.RecordingAuditTrail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consent change whose transaction was mined has happened, whatever follows: it is audited as succeeded and
 * answered, also when noting it on this node or reading it back fails; one the chain node did not confirm names its
 * transaction. A list reads from the chain only the window of entries the node's index selects for it, and marks
 * each as the chain says. The chain is a fake connection (no chain node runs here), the node's index and patients
 * stand-ins; the changes held back are kept in an H2 database, as a node keeps them.
 */
class ConsentServiceTest {

    @TempDir
    static Path directory;
    private static TestDatabase database;
    private static TransactionalConsentSendJournal journal;

    private static final LedgerAddress THIS_HOSPITAL = LedgerAddress.fromHex("0x" + "a1".repeat(20));
    private static final LedgerAddress OTHER_HOSPITAL = LedgerAddress.fromHex("0x" + "b2".repeat(20));
    private static final Actor PHYSICIAN = new Actor("d.ross", Set.of(StaffRole.PHYSICIAN));
    private static final Bytes32 TRANSACTION = Bytes32.fromHex("0x" + "7e".repeat(32));

    private final PatientCustody patient = new PatientCustody(UUID.randomUUID(), new Pseudonym("d4".repeat(32)),
            new WrappedKeyPair() {
            });
    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private final List<String> noted = new ArrayList<>();
    private final List<ConsentRef> index = new ArrayList<>();
    private final List<String> asked = new ArrayList<>();
    private final FakeChain chain = new FakeChain()
            .answering("account", arguments -> THIS_HOSPITAL)
            .answering("findMember", arguments -> Optional.of(new Member(OTHER_HOSPITAL, MemberRole.HOSPITAL,
                    "Hospital B", URI.create("https://b.example/custodia"), new byte[] {1}, Instant.EPOCH)))
            .answering("members", arguments -> List.of(new Member(OTHER_HOSPITAL, MemberRole.HOSPITAL,
                    "Hospital B", URI.create("https://b.example/custodia"), new byte[] {1}, Instant.EPOCH)));
    private boolean indexFails;
    /** Whether this node anchored a record of the patient (a custodian on chain). */
    private boolean anchoredRecords = true;
    /** Whether looking a patient up by pseudonym fails (the database out of reach). */
    private boolean custodyFails;
    private final MovableClock clock = new MovableClock(Instant.parse("2027-03-01T10:00:00Z"));
    private PendingConsentSends sends = new PendingConsentSends(clock, journal);

    @BeforeAll
    static void openDatabase() {
        database = TestDatabase.h2(directory);
        journal = new TransactionalConsentSendJournal(database.persistenceUnit(ConsentSend.class));
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @BeforeEach
    void emptyJournal() {
        journal.clear();
    }

    @Test
    void aMinedGrantIsAuditedAsSucceededAndAnsweredWhenReadingItBackFails() throws Exception {
        chain.answering("grant", arguments -> new Issued(17, mined()))
                .answering("findGrant", arguments -> {
                    throw new LedgerUnavailableException("chain node did not answer", null);
                });
        Instant expiresAt = Instant.now().plus(Duration.ofDays(30));

        GrantDetails granted = grant(expiresAt);

        assertEquals(17, granted.id());
        assertEquals(OTHER_HOSPITAL.toString(), granted.grantee());
        assertEquals("Hospital B", granted.granteeName(), "named as the consortium registry lists it");
        assertEquals(expiresAt, granted.expiresAt());
        assertEquals("active", granted.status());
        AuditRecord entry = audit.only();
        assertEquals(AuditOutcome.SUCCEEDED, entry.outcome());
        assertTrue(entry.detail().startsWith("grant 17 to " + OTHER_HOSPITAL), entry.detail());
        assertEquals(List.of("remember GRANT 17", "look now GRANT 17"), noted, "its re-key is delivered at once");
    }

    /**
     * The grant took effect on chain and is read back, but showing it needs the patient from a database out of reach
     * meanwhile: answered as sent. Before, 503 "nothing was done", though the grant was on chain (read from the code).
     */
    @Test
    void aMinedGrantIsAnsweredAsSentWhenTheDatabaseFailsWhileShowingIt() throws Exception {
        chain.answering("grant", arguments -> new Issued(19, mined()))
                .answering("findGrant", arguments -> Optional.of(new Grant(19, AccessScope.allRecords(Bytes32.of(
                        patient.pseudonym().toBytes())), THIS_HOSPITAL, OTHER_HOSPITAL, "TREATMENT", Instant.now(),
                        Instant.now().plus(Duration.ofDays(30)), Optional.empty(), OptionalLong.empty())));
        custodyFails = true;

        GrantDetails granted = grant(Instant.now().plus(Duration.ofDays(30)));

        assertEquals(19, granted.id());
        assertEquals(patient.patientId(), granted.patientId(), "as sent");
        assertEquals(AuditOutcome.SUCCEEDED, audit.only().outcome());
    }

    @Test
    void aMinedGrantIsAuditedAsSucceededWhenNotingItOnThisNodeFails() throws Exception {
        indexFails = true;
        chain.answering("grant", arguments -> new Issued(18, mined()))
                .answering("findGrant", arguments -> Optional.empty());

        assertEquals(18, grant(Instant.now().plus(Duration.ofDays(30))).id());
        assertEquals(AuditOutcome.SUCCEEDED, audit.only().outcome());
    }

    @Test
    void aGrantTheChainNodeDidNotConfirmNamesItsTransactionWhichMayStillTakeEffect() {
        chain.answering("grant", arguments -> {
            throw stillPending();
        });

        DependencyUnavailableException e = assertThrows(DependencyUnavailableException.class,
                () -> grant(Instant.now().plus(Duration.ofDays(30))));

        assertTrue(e.getMessage().contains(TRANSACTION.toString()) && e.getMessage().contains("may still take effect"),
                e.getMessage());
        assertEquals(Optional.of("the chain did not confirm the grant in time: it may still take effect, so look for"
                + " it in the list before trying again"), e.forStaff(), "staff are told, without the transaction");
        AuditRecord entry = audit.only();
        assertEquals(AuditOutcome.UNKNOWN, entry.outcome(), "it may still be mined: not failed");
        assertTrue(entry.detail().startsWith("grant to " + OTHER_HOSPITAL + ", ALL, treatment, until "),
                "what was under way: " + entry.detail());
        assertTrue(entry.detail().contains(TRANSACTION.toString()), entry.detail());
        assertTrue(audit.intents().isEmpty(), "the entry replaced the intent");
        assertTrue(noted.isEmpty());
    }

    /** A receipt that cannot be read may follow a mined transaction: the grant is neither failed nor sent again. */
    @Test
    void aGrantWhoseReceiptCannotBeReadIsAuditedWithOutcomeUnknown() {
        chain.answering("grant", arguments -> {
            throw new LedgerException("the receipt of transaction " + TRANSACTION + " cannot be read");
        });

        DependencyUnavailableException e = assertThrows(DependencyUnavailableException.class,
                () -> grant(Instant.now().plus(Duration.ofDays(30))));

        assertTrue(e.getMessage().startsWith("what became of the grant on chain is not known: it may have taken "
                + "effect, so look for it in the list before trying again"), e.getMessage());
        AuditRecord entry = audit.only();
        assertEquals(AuditOutcome.UNKNOWN, entry.outcome(), entry.detail());
        assertTrue(entry.detail().startsWith("grant to " + OTHER_HOSPITAL + ", ALL, treatment, until "),
                entry.detail());
        assertTrue(audit.intents().isEmpty(), "the entry replaced the intent");
    }

    /** An unchecked failure on the way, e.g. an event of the mined transaction that cannot be decoded. */
    @Test
    void aGrantThatFailsUncheckedOnTheWayIsAuditedWithOutcomeUnknown() {
        chain.answering("grant", arguments -> {
            throw new IndexOutOfBoundsException("no GrantCreated event in the receipt");
        });

        assertThrows(IndexOutOfBoundsException.class, () -> grant(Instant.now().plus(Duration.ofDays(30))));

        AuditRecord entry = audit.only();
        assertEquals(AuditOutcome.UNKNOWN, entry.outcome(), entry.detail());
        assertTrue(entry.detail().startsWith("grant to " + OTHER_HOSPITAL + ", ALL, treatment, until ")
                && entry.detail().endsWith("failed: IndexOutOfBoundsException"), entry.detail());
        assertTrue(audit.intents().isEmpty(), "the entry replaced the intent");
    }

    /**
     * The registry takes the same grant twice: while the first one's transaction may still be mined, the same grant
     * (another expiry, as a form computes it anew) is refused, saying what became of the first: waiting in the pool
     * (however long), mined, or unknown to the node (for a while).
     */
    @Test
    void theSameGrantIsHeldBackWhileTheFirstMayStillTakeEffect() throws Exception {
        List<Object> granted = new ArrayList<>();
        chain.answering("grant", arguments -> {
            granted.add(arguments[3]);
            throw stillPending();
        });
        assertThrows(DependencyUnavailableException.class, () -> grant(Instant.now().plus(Duration.ofDays(30))));

        chain.answering("transactionState", arguments -> TransactionState.PENDING);
        ConsentRefusedException pending = assertThrows(ConsentRefusedException.class,
                () -> grant(Instant.now().plus(Duration.ofDays(31))));
        assertEquals(Failure.CONFLICT, pending.failure());
        assertTrue(pending.getMessage().contains("waits to be mined in transaction " + TRANSACTION),
                pending.getMessage());
        assertTrue(audit.intents().isEmpty(), "the refusal replaced its intent");
        chain.answering("transactionState", arguments -> TransactionState.MINED);
        assertTrue(assertThrows(ConsentRefusedException.class, () -> grant(Instant.now().plus(Duration.ofDays(30))))
                .getMessage().contains("was made already by transaction " + TRANSACTION));
        chain.answering("transactionState", arguments -> TransactionState.UNKNOWN);
        assertTrue(assertThrows(ConsentRefusedException.class, () -> grant(Instant.now().plus(Duration.ofDays(30))))
                .getMessage().contains("may still take effect"));
        chain.answering("transactionState", arguments -> {
            throw new LedgerUnavailableException("chain node did not answer", null);
        });
        assertThrows(ConsentRefusedException.class, () -> grant(Instant.now().plus(Duration.ofDays(30))),
                "while the node cannot say, held back");
        assertEquals(1, granted.size(), "nothing sent again");

        clock.advance(PendingConsentSends.UNKNOWN_FOR);
        chain.answering("transactionState", arguments -> TransactionState.PENDING);
        assertThrows(ConsentRefusedException.class, () -> grant(Instant.now().plus(Duration.ofDays(30))),
                "still in the pool: held back however long");
        assertEquals(1, granted.size());
        chain.answering("transactionState", arguments -> TransactionState.UNKNOWN);
        assertThrows(DependencyUnavailableException.class, () -> grant(Instant.now().plus(Duration.ofDays(30))));
        assertEquals(2, granted.size(), "unknown to the node for long enough: sent again");
    }

    /**
     * A node that restarts while the first grant's transaction may still take effect holds the same grant back all
     * the same. Before, it kept what it held back in memory only, and a retry after the restart made a second grant.
     */
    @Test
    void theSameGrantIsHeldBackAfterARestartWhileTheFirstMayStillTakeEffect() throws Exception {
        List<Object> granted = new ArrayList<>();
        chain.answering("grant", arguments -> {
            granted.add(arguments[3]);
            throw stillPending();
        });
        assertThrows(DependencyUnavailableException.class, () -> grant(Instant.now().plus(Duration.ofDays(30))));

        sends = new PendingConsentSends(clock, journal);
        chain.answering("transactionState", arguments -> TransactionState.PENDING);
        ConsentRefusedException held = assertThrows(ConsentRefusedException.class,
                () -> grant(Instant.now().plus(Duration.ofDays(30))));
        assertEquals(Failure.CONFLICT, held.failure());
        assertTrue(held.getMessage().contains("waits to be mined in transaction " + TRANSACTION), held.getMessage());
        assertEquals(1, granted.size(), "nothing sent again");

        chain.answering("transactionState", arguments -> TransactionState.REVERTED)
                .answering("grant", arguments -> new Issued(25, mined()))
                .answering("findGrant", arguments -> Optional.empty());
        assertEquals(25, grant(Instant.now().plus(Duration.ofDays(30))).id(), "refused when mined: sent again");
    }

    @Test
    void aGrantTheContractRefusedWhenMinedHoldsNothingBack() throws Exception {
        chain.answering("grant", arguments -> {
            throw stillPending();
        });
        assertThrows(DependencyUnavailableException.class, () -> grant(Instant.now().plus(Duration.ofDays(30))));

        chain.answering("transactionState", arguments -> TransactionState.REVERTED)
                .answering("grant", arguments -> new Issued(24, mined()))
                .answering("findGrant", arguments -> Optional.empty());
        assertEquals(24, grant(Instant.now().plus(Duration.ofDays(30))).id());
    }

    @Test
    void onlyTheSameGrantIsHeldBackAndOneThatCannotHaveTakenEffectIsNot() throws Exception {
        chain.answering("grant", arguments -> {
            throw stillPending();
        });
        assertThrows(DependencyUnavailableException.class, () -> grant(Instant.now().plus(Duration.ofDays(30))));

        chain.answering("grant", arguments -> new Issued(21, mined()))
                .answering("findGrant", arguments -> Optional.empty());
        assertEquals(21, AuditedCallRunner.run(audit, PHYSICIAN, AuditedAction.GRANT_CREATE,
                patient.patientId().toString(), () -> service().grant(Given.of(patient.patientId()),
                        OTHER_HOSPITAL.toString(), new ScopeRequest("all", null, null), "referral",
                        Given.of(Instant.now().plus(Duration.ofDays(30))))).id(), "another purpose is another grant");

        List<String> sent = new ArrayList<>();
        chain.answering("requestAccess", arguments -> {
            sent.add("request");
            throw new LedgerUnavailableException("chain node did not answer when trying to estimate the gas", null);
        });
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThrows(DependencyUnavailableException.class, () -> AuditedCallRunner.run(audit, PHYSICIAN,
                    AuditedAction.ACCESS_REQUEST_CREATE, patient.patientId().toString(),
                    () -> service().requestAccess(Given.of(patient.patientId()), OTHER_HOSPITAL.toString(),
                            new ScopeRequest("all", null, null), "treatment")));
        }
        assertEquals(2, sent.size(), "nothing was sent the first time: the same request goes out again");
    }

    /** A second request for the same grant while the first is being sent (a double click) sends nothing. */
    @Test
    void theSameGrantAskedForWhileItIsBeingSentIsRefused() throws Exception {
        List<Throwable> second = new ArrayList<>();
        chain.answering("grant", arguments -> {
            // the other request, on a thread of its own, while this one's transaction is on its way
            Thread other = new Thread(() -> second.add(assertThrows(ConsentRefusedException.class,
                    () -> grant(Instant.now().plus(Duration.ofDays(30))))));
            other.start();
            try {
                other.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return new Issued(22, mined());
        }).answering("findGrant", arguments -> Optional.empty());

        assertEquals(22, grant(Instant.now().plus(Duration.ofDays(30))).id());
        assertTrue(second.get(0).getMessage().contains("is being sent now"), second.get(0).getMessage());
        chain.answering("grant", arguments -> new Issued(23, mined()));
        assertEquals(23, grant(Instant.now().plus(Duration.ofDays(30))).id(), "once sent, the same grant may be "
                + "made again");
    }

    @Test
    void aGrantTheChainNodeCouldNotTakeIsAuditedAsFailed() {
        chain.answering("grant", arguments -> {
            throw new LedgerUnavailableException("chain node did not answer when trying to estimate the gas", null);
        });

        DependencyUnavailableException e = assertThrows(DependencyUnavailableException.class,
                () -> grant(Instant.now().plus(Duration.ofDays(30))));

        assertTrue(e.getMessage().startsWith("the chain node cannot take the grant now"), e.getMessage());
        assertEquals(Optional.of("the chain cannot take the grant now: nothing was changed; try again later"),
                e.forStaff());
        assertEquals(AuditOutcome.FAILED, audit.only().outcome(), "nothing was sent");
        assertTrue(audit.intents().isEmpty(), "the entry replaced the intent");
    }

    @Test
    void aDeclaredEmergencyIsAuditedAsSucceededAndAnsweredWhenItCannotBeReadBack() throws Exception {
        chain.answering("declareEmergencyAccess", arguments -> new Issued(5, mined()))
                .answering("findEmergencyAccess", arguments -> {
                    throw new LedgerUnavailableException("chain node did not answer", null);
                });

        EmergencyAccessDetails declared = AuditedCallRunner.run(audit, PHYSICIAN,
                AuditedAction.EMERGENCY_ACCESS_DECLARE, patient.patientId().toString(),
                () -> service().declareEmergency(Given.of(patient.patientId()), Given.of(1)));

        assertEquals(5, declared.id());
        assertTrue(declared.active());
        assertNull(declared.expiresAt(), "the contract sets it; the chain's event notes it here");
        assertEquals(AuditOutcome.SUCCEEDED, audit.only().outcome());
        assertTrue(audit.only().detail().startsWith("emergency access 5"), audit.only().detail());
    }

    @Test
    void theOpenRequestsReadOnlyTheirWindowFromTheChainAndSayWhereTheNextPageStarts() throws Exception {
        indexed(ConsentKind.REQUEST, Direction.INCOMING, 9, 8, 7, 6);
        answerRequests(Map.of(9L, AccessRequest.Status.PENDING, 8L, AccessRequest.Status.APPROVED,
                7L, AccessRequest.Status.PENDING, 6L, AccessRequest.Status.PENDING));

        ChainListPage<AccessRequestDetails> page = AuditedCallRunner.run(audit, PHYSICIAN,
                AuditedAction.ACCESS_REQUESTS_INCOMING_READ, null,
                () -> service().incomingRequests("pending", new ChainListPage.Window(10L, 3)));

        assertEquals(List.of(9L, 7L), page.entries().stream().map(AccessRequestDetails::id).toList(),
                "the one approved since it was noted open is left out");
        assertEquals(Optional.of(7L), page.nextBefore(), "an older candidate was read: the next page starts below");
        assertEquals(List.of("newest REQUEST INCOMING openOnly=true before=10 limit=4"), asked,
                "one more than the window, to know whether an older page follows");
        assertEquals(3, chain.events().stream().filter("findAccessRequest"::equals).count(),
                "the one beyond the window is not read from the chain");
        assertEquals(List.of("Hospital B", "Hospital B"), page.entries().stream()
                .map(AccessRequestDetails::requesterName).toList(), "named as the consortium registry lists it");
        assertEquals(1, chain.events().stream().filter("members"::equals).count(), "the names read once a page");
        assertEquals(List.of("mark REQUEST 8 settled=true"), noted, "the approval the index had not noted yet");
        assertEquals("2 requests", audit.only().detail());
    }

    @Test
    void aDecidedStatusReadsEveryEntryOfItsWindowAndAWindowNotFilledIsTheLastPage() throws Exception {
        indexed(ConsentKind.REQUEST, Direction.OUTGOING, 2, 1);
        answerRequests(Map.of(2L, AccessRequest.Status.DENIED, 1L, AccessRequest.Status.APPROVED));

        ChainListPage<AccessRequestDetails> page = AuditedCallRunner.run(audit, PHYSICIAN,
                AuditedAction.ACCESS_REQUESTS_OUTGOING_READ, null,
                () -> service().outgoingRequests("approved", ChainListPage.Window.of(null, null)));

        assertEquals(List.of(1L), page.entries().stream().map(AccessRequestDetails::id).toList());
        assertEquals(Optional.empty(), page.nextBefore());
        assertEquals(List.of("newest REQUEST OUTGOING openOnly=false before=null limit=101"), asked,
                "a decision the index has not noted yet must not be missed");
    }

    @Test
    void theReviewQueueSelectsOpenEmergencyAccessesOfBothDirections() throws Exception {
        indexed(ConsentKind.EMERGENCY, Direction.INCOMING, 6);
        indexed(ConsentKind.EMERGENCY, Direction.OUTGOING, 5, 4);
        chain.answering("findEmergencyAccess", arguments -> Optional.of(new EmergencyAccess((Long) arguments[0],
                Bytes32.of(patient.pseudonym().toBytes()), OTHER_HOSPITAL, EmergencyReason.UNCONSCIOUS_PATIENT,
                Instant.now(), Instant.now().plus(Duration.ofHours(4)), Optional.empty(), Optional.empty())));

        ChainListPage<EmergencyAccessDetails> page = AuditedCallRunner.run(audit, PHYSICIAN,
                AuditedAction.EMERGENCY_ACCESS_READ, null,
                () -> service().emergencies(null, false, new ChainListPage.Window(null, 2)));

        assertEquals(List.of(Direction.INCOMING, Direction.OUTGOING),
                page.entries().stream().map(EmergencyAccessDetails::direction).toList());
        assertEquals(Optional.of(5L), page.nextBefore());
        assertEquals(List.of("newest EMERGENCY null openOnly=true before=null limit=3"), asked);
        assertEquals(2, chain.events().stream().filter("findEmergencyAccess"::equals).count());
        assertEquals(List.of(), noted, "both noted open, as the chain says");
    }

    /**
     * A hospital that registered the patient but anchored no record of them is no custodian: the registry refuses its
     * review. Such a declaration stays out of its review queue (before, listed, and refused with 403 on review), and
     * is still listed among all incoming declarations.
     */
    @Test
    void theIncomingReviewQueueHoldsOnlyWhatThisHospitalMayReview() throws Exception {
        indexed(ConsentKind.EMERGENCY, Direction.INCOMING, 6);
        chain.answering("findEmergencyAccess", arguments -> Optional.of(new EmergencyAccess((Long) arguments[0],
                Bytes32.of(patient.pseudonym().toBytes()), OTHER_HOSPITAL, EmergencyReason.UNCONSCIOUS_PATIENT,
                Instant.now(), Instant.now().plus(Duration.ofHours(4)), Optional.empty(), Optional.empty())));

        anchoredRecords = false;
        assertEquals(List.of(), AuditedCallRunner.run(audit, PHYSICIAN, AuditedAction.EMERGENCY_ACCESS_READ, null,
                () -> service().emergencies(Direction.INCOMING, false, new ChainListPage.Window(null, 2))).entries());
        assertEquals(1, AuditedCallRunner.run(audit, PHYSICIAN, AuditedAction.EMERGENCY_ACCESS_READ, null,
                () -> service().emergencies(Direction.INCOMING, null, new ChainListPage.Window(null, 2)))
                .entries().size(), "still among all incoming declarations");

        anchoredRecords = true;
        assertEquals(List.of(6L), AuditedCallRunner.run(audit, PHYSICIAN, AuditedAction.EMERGENCY_ACCESS_READ, null,
                () -> service().emergencies(Direction.INCOMING, false, new ChainListPage.Window(null, 2))).entries()
                .stream().map(EmergencyAccessDetails::id).toList());
    }

    /** An entry marked open whose decision the node has not noted yet (or noted before it kept entries' states). */
    @Test
    void anEntryMarkedOpenThatTheChainSaysIsDecidedIsMarkedSettledWhenListed() throws Exception {
        indexed(ConsentKind.REQUEST, Direction.INCOMING, 4, 3);
        answerRequests(Map.of(4L, AccessRequest.Status.PENDING, 3L, AccessRequest.Status.DENIED));

        AuditedCallRunner.run(audit, PHYSICIAN, AuditedAction.ACCESS_REQUESTS_INCOMING_READ, null,
                () -> service().incomingRequests(null, ChainListPage.Window.of(null, null)));

        assertEquals(List.of("mark REQUEST 3 settled=true"), noted);
    }

    @Test
    void decisionsAndReviewsAreMarkedSettledAtOnce() throws Exception {
        answerRequests(Map.of(3L, AccessRequest.Status.PENDING, 4L, AccessRequest.Status.PENDING));
        chain.answering("denyRequest", arguments -> mined())
                .answering("approveRequest", arguments -> new Issued(30, mined()))
                .answering("findGrant", arguments -> Optional.empty())
                .answering("findEmergencyAccess", arguments -> Optional.of(new EmergencyAccess((Long) arguments[0],
                        Bytes32.of(patient.pseudonym().toBytes()), OTHER_HOSPITAL, EmergencyReason.UNCONSCIOUS_PATIENT,
                        Instant.now(), Instant.now().plus(Duration.ofHours(4)), Optional.empty(), Optional.empty())))
                .answering("markEmergencyReviewed", arguments -> mined());

        AuditedCallRunner.run(audit, PHYSICIAN, AuditedAction.ACCESS_REQUEST_DENY, "3", () -> service().deny(3));
        AuditedCallRunner.run(audit, PHYSICIAN, AuditedAction.ACCESS_REQUEST_APPROVE, "4",
                () -> service().approve(4, Given.of(Instant.now().plus(Duration.ofDays(7)))));
        AuditedCallRunner.run(audit, PHYSICIAN, AuditedAction.EMERGENCY_ACCESS_REVIEW, "6", () -> service().review(6));

        assertEquals(List.of("mark REQUEST 3 settled=true", "mark REQUEST 4 settled=true", "remember GRANT 30",
                "look now GRANT 30", "mark EMERGENCY 6 settled=true"), noted);
    }

    @Test
    void everyChangeIsAnnouncedBeforeItsTransactionIsSentAndItsEntryReplacesTheAnnouncement() throws Exception {
        List<String> openWhenSent = new ArrayList<>();
        answerRequests(Map.of(2L, AccessRequest.Status.PENDING, 3L, AccessRequest.Status.PENDING, 4L,
                AccessRequest.Status.PENDING));
        Bytes32 pseudonym = Bytes32.of(patient.pseudonym().toBytes());
        chain.answering("requestAccess", sent(openWhenSent, new Issued(2, mined())))
                .answering("approveRequest", sent(openWhenSent, new Issued(30, mined())))
                .answering("denyRequest", sent(openWhenSent, mined()))
                .answering("grant", sent(openWhenSent, new Issued(31, mined())))
                .answering("revokeGrant", sent(openWhenSent, mined()))
                .answering("declareEmergencyAccess", sent(openWhenSent, new Issued(5, mined())))
                .answering("markEmergencyReviewed", sent(openWhenSent, mined()))
                .answering("findGrant", arguments -> Optional.of(new Grant((Long) arguments[0],
                        AccessScope.allRecords(pseudonym), THIS_HOSPITAL, OTHER_HOSPITAL, "TREATMENT", Instant.now(),
                        Instant.now().plus(Duration.ofDays(7)), Optional.empty(), OptionalLong.empty())))
                .answering("findEmergencyAccess", arguments -> Optional.of(new EmergencyAccess((Long) arguments[0],
                        pseudonym, OTHER_HOSPITAL, EmergencyReason.UNCONSCIOUS_PATIENT, Instant.now(),
                        Instant.now().plus(Duration.ofHours(4)), Optional.empty(), Optional.empty())));
        String patientId = patient.patientId().toString();
        Instant week = Instant.now().plus(Duration.ofDays(7));

        AuditedCallRunner.run(audit, PHYSICIAN, AuditedAction.ACCESS_REQUEST_CREATE, patientId,
                () -> service().requestAccess(Given.of(patient.patientId()), OTHER_HOSPITAL.toString(),
                        new ScopeRequest("all", null, null), "treatment"));
        AuditedCallRunner.run(audit, PHYSICIAN, AuditedAction.ACCESS_REQUEST_APPROVE, "4",
                () -> service().approve(4, Given.of(week)));
        AuditedCallRunner.run(audit, PHYSICIAN, AuditedAction.ACCESS_REQUEST_DENY, "3", () -> service().deny(3));
        grant(week);
        AuditedCallRunner.run(audit, PHYSICIAN, AuditedAction.GRANT_REVOKE, "31", () -> service().revoke(31));
        AuditedCallRunner.run(audit, PHYSICIAN, AuditedAction.EMERGENCY_ACCESS_DECLARE, patientId,
                () -> service().declareEmergency(Given.of(patient.patientId()), Given.of(1)));
        AuditedCallRunner.run(audit, PHYSICIAN, AuditedAction.EMERGENCY_ACCESS_REVIEW, "6", () -> service().review(6));

        assertEquals(List.of(
                "access-request.create " + patientId + ": request to " + OTHER_HOSPITAL + ", ALL, treatment",
                "access-request.approve 4: approval of request 4 from " + OTHER_HOSPITAL + ", a grant until " + week,
                "access-request.deny 3: denial of request 3 from " + OTHER_HOSPITAL,
                "grant.create " + patientId + ": grant to " + OTHER_HOSPITAL + ", ALL, treatment, until " + week,
                "grant.revoke 31: revocation of grant 31 to " + OTHER_HOSPITAL,
                "emergency-access.declare " + patientId + ": emergency access, reason UNCONSCIOUS_PATIENT",
                "emergency-access.review 6: review of emergency access 6 declared by " + OTHER_HOSPITAL),
                openWhenSent, "each transaction is sent with its change's intent, and only that one, written");
        assertTrue(audit.intents().isEmpty(), "each entry replaced its intent: " + audit.intents());
        assertEquals(7, audit.entries().size());
        assertTrue(audit.entries().stream().allMatch(entry -> entry.outcome() == AuditOutcome.SUCCEEDED),
                audit.entries().toString());
        // before, a denial's, a revocation's and a review's entries named no one once they replaced their intents
        assertEquals(List.of("request 3 from " + OTHER_HOSPITAL + " denied", "grant 31 to " + OTHER_HOSPITAL
                        + " revoked", "emergency access 6 declared by " + OTHER_HOSPITAL + " reviewed"),
                audit.entries().stream().filter(entry -> Set.of("access-request.deny", "grant.revoke",
                        "emergency-access.review").contains(entry.action())).map(AuditRecord::detail).toList());
    }

    /**
     * A request whose purpose is not a listed code (another member's software sent free text): not approved, as the
     * grant would write that text on chain again; nothing sent, the refusal audited, the text not quoted.
     */
    @Test
    void aRequestWithAPurposeOutsideTheListIsNotApproved() {
        chain.answering("findAccessRequest", arguments -> Optional.of(new AccessRequest(4,
                AccessScope.allRecords(Bytes32.of(patient.pseudonym().toBytes())), OTHER_HOSPITAL, THIS_HOSPITAL,
                "follow-up of Jane Roe's biopsy", Instant.now(), AccessRequest.Status.PENDING, OptionalLong.empty())));

        ConsentRefusedException refused = assertThrows(ConsentRefusedException.class, () -> AuditedCallRunner.run(
                audit, PHYSICIAN, AuditedAction.ACCESS_REQUEST_APPROVE, "4",
                () -> service().approve(4, Given.of(Instant.now().plus(Duration.ofDays(7))))));

        assertEquals(Failure.REFUSED, refused.failure());
        assertFalse(refused.getMessage().contains("Jane"), refused.getMessage());
        assertFalse(chain.events().contains("approveRequest"), "nothing sent: " + chain.events());
        assertEquals(AuditOutcome.REFUSED, audit.only().outcome());
    }

    /**
     * A request decided meanwhile (another privacy officer, a page open since): refused before anything is sent, in
     * words staff act on. Before, the registry's refusal reached the page as its error name and a numeric status.
     */
    @Test
    void aRequestDecidedMeanwhileIsNeitherApprovedNorDeniedAgain() {
        answerRequests(Map.of(4L, AccessRequest.Status.APPROVED));

        ConsentRefusedException denied = assertThrows(ConsentRefusedException.class, () -> AuditedCallRunner.run(
                audit, PHYSICIAN, AuditedAction.ACCESS_REQUEST_DENY, "4", () -> service().deny(4)));
        ConsentRefusedException approved = assertThrows(ConsentRefusedException.class, () -> AuditedCallRunner.run(
                audit, PHYSICIAN, AuditedAction.ACCESS_REQUEST_APPROVE, "4",
                () -> service().approve(4, Given.of(Instant.now().plus(Duration.ofDays(7))))));

        for (ConsentRefusedException refused : List.of(denied, approved)) {
            assertEquals(Failure.CONFLICT, refused.failure());
            assertEquals("request 4 is approved already; reload the list of requests", refused.getMessage());
        }
        assertFalse(chain.events().contains("denyRequest") || chain.events().contains("approveRequest"),
                "nothing sent: " + chain.events());
    }

    /**
     * A second declaration while this hospital's last one lasts: which one, and until when, not the error's name; an
     * index entry already ended (the index behind the chain) is not named.
     */
    @Test
    void aSecondEmergencyDeclarationIsRefusedNamingTheActiveOne() {
        Instant until = Instant.now().plus(Duration.ofHours(4)).truncatedTo(ChronoUnit.MINUTES);
        index.add(new ConsentRef(ConsentKind.EMERGENCY, 6, Direction.OUTGOING, patient.pseudonym().hex(),
                THIS_HOSPITAL.toString(), until, Instant.now()));
        chain.answering("declareEmergencyAccess", arguments -> {
            throw new StateConflictException("EmergencyAccessActive", "EmergencyAccessActive(emergencyId=6, "
                    + "expiresAt=" + until.getEpochSecond() + ")");
        });

        ConsentRefusedException refused = assertThrows(ConsentRefusedException.class, this::declareAgain);

        assertEquals(Failure.CONFLICT, refused.failure());
        assertEquals("this hospital's emergency access to the patient's records is active already (emergency access 6,"
                + " until " + DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm").withZone(ZoneOffset.UTC).format(until)
                + " UTC); it is not declared again while it lasts", refused.getMessage());
        assertEquals(AuditOutcome.REFUSED, audit.only().outcome());

        index.clear();
        index.add(new ConsentRef(ConsentKind.EMERGENCY, 5, Direction.OUTGOING, patient.pseudonym().hex(),
                THIS_HOSPITAL.toString(), Instant.now().minus(Duration.ofHours(1)), Instant.now()));
        ConsentRefusedException unnamed = assertThrows(ConsentRefusedException.class, this::declareAgain);
        assertEquals("this hospital's emergency access to the patient's records is active already; it is not declared"
                + " again while it lasts", unnamed.getMessage(), "the index's entry has ended: not named");
    }

    private EmergencyAccessDetails declareAgain() throws Exception {
        return AuditedCallRunner.run(audit, PHYSICIAN, AuditedAction.EMERGENCY_ACCESS_DECLARE,
                patient.patientId().toString(), () -> service().declareEmergency(Given.of(patient.patientId()),
                        Given.of(1)));
    }

    @Test
    void aChangeTheRegistryRefusesReplacesItsIntentWithTheRefusal() {
        chain.answering("grant", arguments -> {
            throw new StateConflictException("GrantExists", "grantee already holds an active grant for this scope");
        });

        assertThrows(ConsentRefusedException.class, () -> grant(Instant.now().plus(Duration.ofDays(30))));

        assertEquals(AuditOutcome.REFUSED, audit.only().outcome());
        assertTrue(audit.intents().isEmpty(), audit.intents().toString());
    }

    /**
     * The registry refuses what a grant or a request covers (a record of another custodian, one unknown): the
     * caller's input, 400. Before, 403 (as if the roles did not allow it) or 404 (as if the address were unknown).
     */
    @Test
    void aRefusalOfWhatAChangeCoversIsTheCallersInput() {
        chain.answering("grant", arguments -> {
            throw new NotAuthorizedException("NotCustodian", "NotCustodian: the record's custodian is another");
        }).answering("requestAccess", arguments -> {
            throw new UnknownEntryException("UnknownRecord", "UnknownRecord: no such record");
        });

        InvalidInputException grant = assertThrows(InvalidInputException.class,
                () -> grant(Instant.now().plus(Duration.ofDays(30))));
        assertTrue(grant.getMessage().startsWith("the grant was refused for what it covers"), grant.getMessage());
        assertThrows(InvalidInputException.class, () -> AuditedCallRunner.run(audit, PHYSICIAN,
                AuditedAction.ACCESS_REQUEST_CREATE, patient.patientId().toString(),
                () -> service().requestAccess(Given.of(patient.patientId()), OTHER_HOSPITAL.toString(),
                        new ScopeRequest("all", null, null), "treatment")));
        assertTrue(audit.intents().isEmpty(), audit.intents().toString());
    }

    /** An answer to a change's transaction that notes which intents were open when it was sent. */
    private FakeChain.Answer sent(List<String> openWhenSent, Object result) {
        return arguments -> {
            openWhenSent.addAll(audit.intents());
            return result;
        };
    }

    @Test
    void aPatientsGrantsReadOnlyTheirWindowFromTheChainAndSayWhereTheNextPageStarts() throws Exception {
        indexed(ConsentKind.GRANT, Direction.OUTGOING, 12, 11, 9, 8);
        chain.answering("findGrant", arguments -> (Long) arguments[0] == 11 ? Optional.empty()
                : Optional.of(new Grant((Long) arguments[0], AccessScope.allRecords(Bytes32.of(
                        patient.pseudonym().toBytes())), THIS_HOSPITAL, OTHER_HOSPITAL, "TREATMENT", Instant.now(),
                        Instant.now().plus(Duration.ofDays(1)), Optional.empty(), OptionalLong.empty())));

        ChainListPage<GrantDetails> page = AuditedCallRunner.run(audit, PHYSICIAN, AuditedAction.GRANTS_READ,
                patient.patientId().toString(), () -> service().grants(Given.of(patient.patientId()),
                        new ChainListPage.Window(13L, 3)));

        assertEquals(List.of(12L, 9L), page.entries().stream().map(GrantDetails::id).toList(),
                "a grant the chain does not know is left out");
        assertEquals(List.of("active", "active"), page.entries().stream().map(GrantDetails::status).toList());
        assertEquals(Optional.of(9L), page.nextBefore(), "an older grant was read: the next page starts below");
        assertEquals(List.of("ofPatient GRANT OUTGOING " + patient.pseudonym().hex() + " before=13 limit=4"), asked);
        assertEquals(3, chain.events().stream().filter("findGrant"::equals).count());
        assertEquals("2 grants", audit.only().detail());

        asked.clear();
        index.clear();
        indexed(ConsentKind.GRANT, Direction.OUTGOING, 9, 8);
        ChainListPage<GrantDetails> full = AuditedCallRunner.run(audit, PHYSICIAN, AuditedAction.GRANTS_READ,
                patient.patientId().toString(), () -> service().grants(Given.of(patient.patientId()),
                        new ChainListPage.Window(null, 2)));
        assertEquals(List.of(9L, 8L), full.entries().stream().map(GrantDetails::id).toList());
        assertEquals(Optional.empty(), full.nextBefore(), "a full page with nothing older is the last");
        assertEquals(List.of("ofPatient GRANT OUTGOING " + patient.pseudonym().hex() + " before=null limit=3"),
                asked);
    }

    @Test
    void anUnknownStatusIsRefusedBeforeTheIndexIsRead() {
        assertThrows(InvalidInputException.class, () -> AuditedCallRunner.run(audit, PHYSICIAN,
                AuditedAction.ACCESS_REQUESTS_INCOMING_READ, null,
                () -> service().incomingRequests("granted", ChainListPage.Window.of(null, null))));
        assertEquals(List.of(), asked);
    }

    private void indexed(ConsentKind kind, Direction direction, long... ids) {
        for (long id : ids) {
            index.add(new ConsentRef(kind, id, direction, patient.pseudonym().hex(), OTHER_HOSPITAL.toString(), null,
                    Instant.now()));
        }
    }

    private void answerRequests(Map<Long, AccessRequest.Status> statuses) {
        chain.answering("findAccessRequest", arguments -> {
            AccessRequest.Status status = statuses.get((Long) arguments[0]);
            return Optional.of(new AccessRequest((Long) arguments[0],
                    AccessScope.allRecords(Bytes32.of(patient.pseudonym().toBytes())), OTHER_HOSPITAL, THIS_HOSPITAL,
                    "TREATMENT", Instant.now(), status,
                    status == AccessRequest.Status.APPROVED ? OptionalLong.of(40) : OptionalLong.empty()));
        });
    }

    private GrantDetails grant(Instant expiresAt) throws Exception {
        return AuditedCallRunner.run(audit, PHYSICIAN, AuditedAction.GRANT_CREATE, patient.patientId().toString(),
                () -> service().grant(Given.of(patient.patientId()), OTHER_HOSPITAL.toString(),
                        new ScopeRequest("all", null, null), "treatment", Given.of(expiresAt)));
    }

    /** What the connector throws for a transaction handed to the node and not confirmed in time. */
    private static LedgerUnavailableException stillPending() {
        return new LedgerUnavailableException("the transaction to grant was handed to the node and may still be mined",
                TRANSACTION, null);
    }

    private static TransactionResult mined() {
        return new TransactionResult(TRANSACTION, 42, TRANSACTION);
    }

    private ConsentService service() {
        ConsentService service = new ConsentService();
        Beans.inject(service, ConsentService.class, "ledger", chain);
        Beans.inject(service, ConsentService.class, "patients", new PatientRegistry() {
            @Override
            public PatientCustody custody(UUID id) {
                return patient;
            }

            @Override
            public Optional<PatientCustody> custodyOf(Pseudonym pseudonym) {
                if (custodyFails) {
                    throw new PersistenceException("the database cannot be reached");
                }
                return Optional.of(patient);
            }
        });
        Beans.inject(service, ConsentService.class, "refs", new ConsentRefs() {
            @Override
            public void remember(ConsentKind kind, long chainId, Direction direction, String patientPseudonym,
                    String counterpart, Instant expiresAt) {
                if (indexFails) {
                    throw new PersistenceException("the database refuses writes");
                }
                noted.add("remember " + kind + " " + chainId);
            }

            @Override
            public boolean mark(ConsentKind kind, long chainId, boolean settled) {
                noted.add("mark " + kind + " " + chainId + " settled=" + settled);
                return true;
            }

            @Override
            public List<ConsentRef> newest(ConsentKind kind, Direction direction, boolean openOnly, Long before,
                    int limit) {
                asked.add("newest " + kind + " " + direction + " openOnly=" + openOnly + " before=" + before
                        + " limit=" + limit);
                return index.stream().filter(ref -> ref.kind() == kind).toList();
            }

            @Override
            public List<ConsentRef> ofPatient(ConsentKind kind, Direction direction, String patientPseudonym,
                    Long before, int limit) {
                asked.add("ofPatient " + kind + " " + direction + " " + patientPseudonym + " before=" + before
                        + " limit=" + limit);
                return index.stream().filter(ref -> ref.kind() == kind).toList();
            }
        });
        Beans.inject(service, ConsentService.class, "records", new RecordStore() {
            @Override
            public boolean anchoredOwnRecordOf(UUID patientId) {
                return anchoredRecords;
            }
        });
        Beans.inject(service, ConsentService.class, "schedule", new ConsentSchedule() {
            @Override
            public void lookNow(ConsentKind kind, long chainId) {
                noted.add("look now " + kind + " " + chainId);
            }
        });
        Beans.inject(service, ConsentService.class, "sends", sends);
        Beans.inject(service, ConsentService.class, "settings", new NodeSettings("hospital", "Hospital A", "/tmp",
                "/tmp/filestore", "http://127.0.0.1:1", 0));
        return service;
    }
}
