package org.custodia.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditRecord;
import org.custodia.audit.AuditTrail;
import org.custodia.audit.AuditedAction;
import org.custodia.consortium.NotOnThisNodeException;
import org.custodia.crypto.PreKeyPair;
import org.custodia.crypto.ReEncryptionKey;
import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.kernel.InvalidInputException;
import org.custodia.kernel.NodeRole;
import org.custodia.kernel.NodeSettings;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.EventPosition;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerEvent;
import org.custodia.ledger.api.Member;
import org.custodia.ledger.api.MemberRole;
import org.custodia.nodeapi.VerifiedCaller;
import org.custodia.sealing.KeyEncryptionKey;
import org.custodia.sealing.NodeKeystore;
import org.custodia.testing.Beans;
import org.custodia.testing.FakeChain;
import org.custodia.testing.RecordingAuditTrail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The re-key store's rules on a migrated H2 database with a real node keystore; the chain is a {@link FakeChain}
 * (the ledger connector needs a container and a chain node) answering with the delegatee's member entry.
 */
class ReKeyStoreTest {

    static final String HOSPITAL_A = "0x5b38da6a701c568545dcfcb03fcb875f56beddc4";
    static final String HOSPITAL_B = "0x4b20993bc481177ec7e8f571cecae8a9e22c02db";
    static final String HOSPITAL_C = "0x78731d3ca6b7e34ac0f824c42a7cc18a495cabab";

    @TempDir
    static Path directory;

    /** One migrated database for the class (a schema migration per test would take most of its time). */
    private static ProxyDatabase database;
    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private long generation;
    private PreKeyPair patient;
    private PreKeyPair hospitalB;
    private byte[] publishedKeyOfB;
    private ReEncryptionKey reKey;
    private String owner;

    @BeforeAll
    static void openDatabase() throws Exception {
        database = new ProxyDatabase(directory);
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        database.clear();
        patient = database.suite().kem().generateKeyPair();
        hospitalB = database.suite().kem().generateKeyPair();
        publishedKeyOfB = hospitalB.publicKey().toBytes();
        reKey = database.suite().kem().reEncryptionKey(patient.privateKey(), hospitalB.publicKey());
        owner = patient.publicKey().fingerprint().toString();
    }

    @Test
    void theCustodianStoresOneRowHowEverOftenItDelivers() {
        ReKeyStore store = store(NodeRole.PROXY);
        store.store(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_B, next(), reKey.toBytes());
        store.store(caller(HOSPITAL_A), HOSPITAL_A.toUpperCase().replace("0X", "0x"), owner.toUpperCase(),
                HOSPITAL_B, next(), reKey.toBytes());

        assertEquals(1, database.reKeys().count());
        Optional<ReEncryptionKey> held = database.reKeys().find(id(HOSPITAL_A));
        assertArrayEquals(reKey.toBytes(), held.orElseThrow().toBytes());
        assertEquals(2, audit.entries().size());
        assertTrue(audit.entries().stream().allMatch(entry -> entry.outcome() == AuditOutcome.SUCCEEDED
                && entry.action().equals(AuditedAction.PROXY_RE_KEY_STORE.code())
                && entry.actor().equals(HOSPITAL_A)), audit.entries().toString());
        assertEquals(List.of("owner key " + owner + " for " + HOSPITAL_B), audit.entries().stream()
                .map(AuditRecord::subject).distinct().toList(), "one subject for the re-key however its path was"
                + " written (it was the path's text: an audit search by subject missed the upper-case one)");
    }

    @Test
    void aHospitalCannotStoreOrWithdrawInAnotherCustodiansName() {
        ReKeyStore store = store(NodeRole.PROXY);
        assertThrows(NotTheCustodianException.class,
                () -> store.store(caller(HOSPITAL_C), HOSPITAL_A, owner, HOSPITAL_B, next(), reKey.toBytes()));
        store.store(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_B, next(), reKey.toBytes());
        assertThrows(NotTheCustodianException.class,
                () -> store.withdraw(caller(HOSPITAL_C), HOSPITAL_A, owner, HOSPITAL_B, next()));

        assertEquals(1, database.reKeys().count());
        assertEquals(AuditOutcome.REFUSED, audit.entries().get(0).outcome());
        assertEquals(HOSPITAL_C, audit.entries().get(0).actor());
    }

    @Test
    void aReKeyForAnotherKeyThanTheDelegateePublishedIsRefused() {
        publishedKeyOfB = database.suite().kem().generateKeyPair().publicKey().toBytes();
        ReKeyStore store = store(NodeRole.PROXY);

        ReKeyRefusedException refused = assertThrows(ReKeyRefusedException.class,
                () -> store.store(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_B, next(), reKey.toBytes()));
        assertTrue(refused.getMessage().contains("published on chain"), refused.getMessage());
        assertEquals(0, database.reKeys().count());
        assertEquals(AuditOutcome.REFUSED, audit.only().outcome());
    }

    @Test
    void aDelegateeThatIsNoHospitalIsRefused() {
        ReKeyStore store = store(NodeRole.PROXY);
        assertThrows(ReKeyRefusedException.class,
                () -> store.store(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_C, next(), reKey.toBytes()));
        assertEquals(0, database.reKeys().count());
    }

    @Test
    void aReKeyOfAnotherOwnerKeyThanThePathNamesIsRefused() {
        ReKeyStore store = store(NodeRole.PROXY);
        String otherOwner = database.suite().kem().generateKeyPair().publicKey().fingerprint().toString();
        assertThrows(InvalidInputException.class,
                () -> store.store(caller(HOSPITAL_A), HOSPITAL_A, otherOwner, HOSPITAL_B, next(), reKey.toBytes()));
        assertThrows(InvalidInputException.class,
                () -> store.store(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_B, next(), new byte[276]));
        assertThrows(InvalidInputException.class,
                () -> store.store(caller(HOSPITAL_A), HOSPITAL_A, "not-hex", HOSPITAL_B, next(), reKey.toBytes()));
        assertEquals(0, database.reKeys().count());
    }

    @Test
    void theReKeyIsSealedAtRestAndBoundToItsRow() throws Exception {
        store(NodeRole.PROXY).store(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_B, next(), reKey.toBytes());

        byte[] sealed = database.sealedBytes(id(HOSPITAL_A)).orElseThrow();
        byte[] encoded = reKey.toBytes();
        byte[] rk = Arrays.copyOfRange(encoded, encoded.length - 96, encoded.length);
        HexFormat hex = HexFormat.of();
        assertFalse(hex.formatHex(sealed).contains(hex.formatHex(rk)), "the re-key's group element in clear");

        ProxyReKeyId moved = id(HOSPITAL_C);
        database.insertSealed(moved, sealed);
        assertThrows(DependencyUnavailableException.class, () -> database.reKeys().find(moved));
        assertTrue(database.reKeys().find(id(HOSPITAL_A)).isPresent(), "the original row still opens");
    }

    /** A proxy from before the key check value tells the keystore it sealed its re-keys under from another. */
    @Test
    void aHeldReKeyOpensUnderItsKeystoreOnly() throws Exception {
        assertEquals(Optional.empty(), database.sampleOpensUnder(anotherKeystore()), "none held yet");
        store(NodeRole.PROXY).store(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_B, next(), reKey.toBytes());

        assertEquals(Optional.of(true), database.sampleOpensUnder(database.keyEncryptionKey()));
        assertEquals(Optional.of(false), database.sampleOpensUnder(anotherKeystore()));
    }

    @Test
    void withdrawingIsIdempotent() {
        ReKeyStore store = store(NodeRole.PROXY);
        store.store(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_B, next(), reKey.toBytes());

        assertTrue(store.withdraw(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_B, next()));
        assertFalse(store.withdraw(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_B, next()));
        assertEquals(0, database.reKeys().count());
        assertEquals(AuditedAction.PROXY_RE_KEY_DELETE.code(), audit.entries().get(2).action());
        assertEquals(AuditOutcome.SUCCEEDED, audit.entries().get(2).outcome());
    }

    /** The row and its entry commit together: no crash between them can leave a change unaudited. */
    @Test
    void aReKeyWhoseAuditEntryCannotBeWrittenIsNotStored() {
        ReKeyStore store = store(NodeRole.PROXY);
        audit.refuseEntriesInCallersTransaction();

        assertThrows(IllegalStateException.class,
                () -> store.store(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_B, next(), reKey.toBytes()));

        assertEquals(0, database.reKeys().count(), "nothing stored without its entry");
        assertEquals(AuditOutcome.FAILED, audit.only().outcome());
    }

    @Test
    void theWithdrawalOfAReKeyWhoseEntryCannotBeWrittenLeavesItHeld() {
        ReKeyStore store = store(NodeRole.PROXY);
        store.store(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_B, next(), reKey.toBytes());
        audit.refuseEntriesInCallersTransaction();

        assertThrows(IllegalStateException.class, () -> store.withdraw(caller(HOSPITAL_A), HOSPITAL_A, owner,
                HOSPITAL_B, next()));

        assertTrue(database.reKeys().find(id(HOSPITAL_A)).isPresent(), "still held: its withdrawal was not audited");
    }

    /**
     * A delivery that stalled on its way (on its chain read) while the withdrawal after it went through: landing late,
     * it changes nothing. Before calls were numbered, it stored a re-key nothing covered any more.
     */
    @Test
    void aDeliveryOvertakenByTheWithdrawalAfterItChangesNothing() {
        ReKeyStore store = store(NodeRole.PROXY);
        store.store(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_B, "10", reKey.toBytes());
        assertTrue(store.withdraw(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_B, "12"));

        ReKeySupersededException late = assertThrows(ReKeySupersededException.class,
                () -> store.store(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_B, "11", reKey.toBytes()));
        assertTrue(late.getMessage().contains("12"), late.getMessage());
        assertEquals(0, database.reKeys().count(), "no re-key held after its withdrawal");
        AuditRecord refused = audit.entries().get(2);
        assertEquals(AuditOutcome.REFUSED, refused.outcome());
        assertEquals(AuditedAction.PROXY_RE_KEY_STORE.code(), refused.action());

        store.store(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_B, "13", reKey.toBytes());
        assertEquals(1, database.reKeys().count(), "a later delivery is stored");
    }

    /** And a withdrawal overtaken by the delivery of a new grant leaves the re-key the new grant needs. */
    @Test
    void aWithdrawalOvertakenByTheDeliveryAfterItLeavesTheReKeyHeld() {
        ReKeyStore store = store(NodeRole.PROXY);
        store.store(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_B, "21", reKey.toBytes());
        assertThrows(ReKeySupersededException.class,
                () -> store.withdraw(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_B, "20"));
        assertTrue(database.reKeys().find(id(HOSPITAL_A)).isPresent());

        store.store(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_B, "21", reKey.toBytes());
        assertEquals(1, database.reKeys().count(), "the same call again is applied again");
    }

    /** A custodian of an earlier version numbers no call: applied until one of a later version numbered one. */
    @Test
    void aCallWithoutANumberIsAppliedOnlyWhileNoNumberedCallWas() {
        ReKeyStore store = store(NodeRole.PROXY);
        store.store(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_B, null, reKey.toBytes());
        assertTrue(store.withdraw(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_B, null));
        store.store(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_B, "7", reKey.toBytes());

        assertThrows(ReKeySupersededException.class,
                () -> store.withdraw(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_B, null));
        assertEquals(1, database.reKeys().count(), "still held");
    }

    /** A call that waits longer than the database allows for another call of the same re-key is told to retry. */
    @Test
    void aCallWhileAnotherForTheSameReKeyIsAppliedIsToldToRetry() throws Exception {
        ReKeyStore store = store(NodeRole.PROXY);
        store.store(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_B, "40", reKey.toBytes());
        database.whileCallNumberLocked(id(HOSPITAL_A), () -> {
            ReKeyCallsCrossedException crossed = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> assertThrows(ReKeyCallsCrossedException.class,
                            () -> store.withdraw(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_B, "41")));
            assertEquals(Duration.ofSeconds(1), crossed.retryAfter());
        });
        assertTrue(database.reKeys().find(id(HOSPITAL_A)).isPresent(), "nothing changed");
        assertTrue(store.withdraw(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_B, "41"), "the retry is applied");
    }

    @Test
    void aCallWithoutAUsableNumberIsRefusedAndChangesNothing() {
        ReKeyStore store = store(NodeRole.PROXY);
        for (String number : new String[] {"", " ", "0", "-1", "1.5", "0x10", "\u0661\u0662",
            "9223372036854775808"}) {
            InvalidInputException refused = assertThrows(InvalidInputException.class,
                    () -> store.store(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_B, number, reKey.toBytes()),
                    String.valueOf(number));
            assertTrue(refused.getMessage().contains("generation"), refused.getMessage());
            assertThrows(InvalidInputException.class,
                    () -> store.withdraw(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_B, number));
        }
        assertEquals(0, database.reKeys().count());
        assertEquals(16, audit.entries().size(), "each refusal audited");
        assertTrue(audit.entries().stream().allMatch(entry -> entry.outcome() == AuditOutcome.REFUSED));
    }

    @Test
    void aHospitalNodeHoldsNoReKeys() {
        ReKeyStore store = store(NodeRole.HOSPITAL);
        assertThrows(NotOnThisNodeException.class,
                () -> store.store(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_B, next(), reKey.toBytes()));
        assertThrows(NotOnThisNodeException.class,
                () -> store.withdraw(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_B, next()));
        assertEquals(0, database.reKeys().count());
    }

    /** The next call's number, as a custodian numbers its calls: each higher than the one before. */
    private String next() {
        return Long.toString(++generation);
    }

    private ReKeyStore store(NodeRole role) {
        FakeChain chain = new FakeChain().answering("findMember", arguments -> {
            LedgerAddress account = (LedgerAddress) arguments[0];
            if (account.equals(LedgerAddress.fromHex(HOSPITAL_B))) {
                return Optional.of(new Member(account, MemberRole.HOSPITAL, "Hospital B",
                        URI.create("https://b.example.org/custodia"), publishedKeyOfB, Instant.now()));
            }
            if (account.equals(LedgerAddress.fromHex(HOSPITAL_C))) {
                return Optional.of(new Member(account, MemberRole.PROXY, "A proxy",
                        URI.create("https://c.example.org/custodia"), new byte[0], Instant.now()));
            }
            return Optional.empty();
        });
        ReKeyStore store = new ReKeyStore();
        Beans.inject(store, ReKeyStore.class, "ledger", chain);
        Beans.inject(store, ReKeyStore.class, "reKeys", database.reKeys(audit));
        Beans.inject(store, ReKeyStore.class, "audit", audit);
        Beans.inject(store, ReKeyStore.class, "settings", settings(role));
        Beans.inject(store, ReKeyStore.class, "suite", database.suite());
        return store;
    }

    private static KeyEncryptionKey anotherKeystore() throws Exception {
        return NodeKeystore.openOrCreate(directory.resolve("another").resolve("node-keys.p12"),
                "another-secret".toCharArray(), new java.security.SecureRandom());
    }

    /** A member the chain removed takes its re-keys with it, as custodian and as delegatee; on a proxy only. */
    @Test
    void theReKeysOfAMemberTheChainRemovedAreDeletedAndTheDeletionAudited() {
        SealedReKeys reKeys = database.reKeys(audit);
        String otherOwner = database.suite().kem().generateKeyPair().publicKey().fingerprint().toString();
        reKeys.put(ProxyReKeyId.parse(HOSPITAL_A, owner, HOSPITAL_B), ++generation, reKey, HOSPITAL_A, "a-b");
        reKeys.put(ProxyReKeyId.parse(HOSPITAL_A, otherOwner, HOSPITAL_C), ++generation, reKey, HOSPITAL_A, "a-c");
        reKeys.put(ProxyReKeyId.parse(HOSPITAL_C, owner, HOSPITAL_A), ++generation, reKey, HOSPITAL_C, "c-a");
        reKeys.put(ProxyReKeyId.parse(HOSPITAL_C, owner, HOSPITAL_B), ++generation, reKey, HOSPITAL_C, "c-b");
        audit.entries().forEach(entry -> assertEquals(AuditOutcome.SUCCEEDED, entry.outcome()));
        LedgerEvent.MemberRemoved removedA = new LedgerEvent.MemberRemoved(new EventPosition(9, 0,
                Bytes32.fromHex("0x" + "01".repeat(32)), Bytes32.fromHex("0x" + "02".repeat(32)),
                LedgerAddress.fromHex("0x" + "03".repeat(20))), LedgerAddress.fromHex(HOSPITAL_A));

        removedMemberReKeys(NodeRole.HOSPITAL).onNewEvent(removedA);
        assertEquals(4, reKeys.count(), "a hospital node holds none to delete");

        removedMemberReKeys(NodeRole.PROXY).onNewEvent(removedA);

        assertEquals(1, reKeys.count());
        assertTrue(reKeys.find(ProxyReKeyId.parse(HOSPITAL_C, owner, HOSPITAL_B)).isPresent(), "C's for B stays");
        AuditRecord deletion = audit.entries().get(audit.entries().size() - 1);
        assertEquals(List.of(AuditedAction.PROXY_RE_KEY_DELETE.code(), "system", HOSPITAL_A),
                List.of(deletion.action(), deletion.actor(), deletion.subject()));
        assertTrue(deletion.detail().startsWith("3 re-keys"), deletion.detail());
    }

    /**
     * A delivery whose chain checks passed before the chain's removal of its custodian or delegatee was journaled (the
     * fake chain still answers that B is a hospital) is refused, until the chain adds the member again.
     */
    @Test
    void aReKeyWithAMemberTheChainRemovedIsRefusedUntilTheChainAddsItAgain() {
        ReKeyStore store = store(NodeRole.PROXY);
        RemovedMemberReKeys reaction = removedMemberReKeys(NodeRole.PROXY);
        reaction.onNewEvent(new LedgerEvent.MemberRemoved(position(7), LedgerAddress.fromHex(HOSPITAL_B)));

        ReKeyRefusedException refused = assertThrows(ReKeyRefusedException.class,
                () -> store.store(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_B, next(), reKey.toBytes()));
        assertEquals("the delegatee " + HOSPITAL_B + " was removed from the consortium (block 7): no re-key with it is "
                + "held", refused.getMessage());
        reaction.onNewEvent(new LedgerEvent.MemberRemoved(position(8), LedgerAddress.fromHex(HOSPITAL_A)));
        refused = assertThrows(ReKeyRefusedException.class,
                () -> store.store(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_B, next(), reKey.toBytes()));
        assertTrue(refused.getMessage().startsWith("the custodian " + HOSPITAL_A), refused.getMessage());
        assertEquals(0, database.reKeys().count());
        assertEquals(List.of(AuditOutcome.REFUSED, AuditOutcome.REFUSED), audit.entries().stream()
                .map(AuditRecord::outcome).toList());

        reaction.onNewEvent(new LedgerEvent.MemberAdded(position(9), LedgerAddress.fromHex(HOSPITAL_A),
                MemberRole.HOSPITAL, "Hospital A", URI.create("https://a.example.org/custodia"), new byte[0]));
        reaction.onNewEvent(new LedgerEvent.MemberAdded(position(10), LedgerAddress.fromHex(HOSPITAL_B),
                MemberRole.HOSPITAL, "Hospital B", URI.create("https://b.example.org/custodia"), publishedKeyOfB));
        store.store(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_B, next(), reKey.toBytes());
        assertEquals(1, database.reKeys().count(), "accepted once the chain added both again");
    }

    /**
     * A removal in blocks the chain replaced (a development chain reverted or started anew) is forgotten with them:
     * the member stayed refused for good, as no new admission would come for a member the new chain never removed.
     */
    @Test
    void aRemovalInBlocksTheChainReplacedIsForgotten() {
        ReKeyStore store = store(NodeRole.PROXY);
        RemovedMemberReKeys reaction = removedMemberReKeys(NodeRole.PROXY);
        reaction.onNewEvent(new LedgerEvent.MemberRemoved(position(7), LedgerAddress.fromHex(HOSPITAL_B)));

        reaction.onBlocksReplaced(8);
        assertThrows(ReKeyRefusedException.class,
                () -> store.store(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_B, next(), reKey.toBytes()),
                "removed in a block before those replaced");
        reaction.onBlocksReplaced(7);
        store.store(caller(HOSPITAL_A), HOSPITAL_A, owner, HOSPITAL_B, next(), reKey.toBytes());
        assertEquals(1, database.reKeys().count());
    }

    /**
     * A delivery that passed its chain checks and was writing its row when the removal of its delegatee was journaled:
     * the removal waits for it and deletes the row it committed (it found none to delete before, and the re-key of a
     * member no longer in the consortium stayed at the proxy).
     */
    @Test
    void aDeliveryUnderWayWhenTheRemovalIsJournaledIsDeletedByTheRemoval() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SealedReKeys held = database.reKeys(new AuditTrail() {
            @Override
            public AuditRecord recordInCallersTransaction(String actor, AuditedAction action, String subject,
                    AuditOutcome outcome, String detail) {
                writing.countDown();
                try {
                    assertTrue(release.await(30, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }
        });
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> delivery = threads.submit(
                    () -> held.put(id(HOSPITAL_A), ++generation, reKey, HOSPITAL_A, "a-b"));
            assertTrue(writing.await(30, TimeUnit.SECONDS), "the delivery reached its audit entry");
            AtomicReference<Thread> removing = new AtomicReference<>();
            Future<Integer> removal = threads.submit(() -> {
                removing.set(Thread.currentThread());
                return database.reKeys(audit).memberRemoved(HOSPITAL_B, 11);
            });
            awaitWaiting(removing);
            release.countDown();

            assertFalse(delivery.get(30, TimeUnit.SECONDS), "stored, not replaced");
            assertEquals(1, removal.get(30, TimeUnit.SECONDS), "the removal deleted the delivery's row");
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
        assertEquals(0, database.reKeys().count());
    }

    /** Waits until the thread in {@code holder} waits (for a lock), or for at most 5 s. */
    private static void awaitWaiting(AtomicReference<Thread> holder) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            Thread thread = holder.get();
            if (thread != null && (thread.getState() == Thread.State.WAITING
                    || thread.getState() == Thread.State.TIMED_WAITING)) {
                return;
            }
            Thread.sleep(5);
        }
    }

    private static EventPosition position(long block) {
        return new EventPosition(block, 0, Bytes32.fromHex("0x" + "01".repeat(32)),
                Bytes32.fromHex("0x" + "02".repeat(32)), LedgerAddress.fromHex("0x" + "03".repeat(20)));
    }

    private RemovedMemberReKeys removedMemberReKeys(NodeRole role) {
        RemovedMemberReKeys reaction = new RemovedMemberReKeys();
        Beans.inject(reaction, RemovedMemberReKeys.class, "settings", settings(role));
        Beans.inject(reaction, RemovedMemberReKeys.class, "reKeys", database.reKeys(audit));
        return reaction;
    }

    static NodeSettings settings(NodeRole role) {
        return new NodeSettings(role.name().toLowerCase(Locale.ROOT), "node", "target", "target",
                "http://127.0.0.1:1", 0);
    }

    static VerifiedCaller caller(String address) {
        return new VerifiedCaller(address, NodeRole.HOSPITAL);
    }

    private ProxyReKeyId id(String custodian) {
        return ProxyReKeyId.parse(custodian, owner, HOSPITAL_B);
    }
}
