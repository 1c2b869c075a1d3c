package org.custodia.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.custodia.kernel.Failure;
import org.custodia.kernel.SharingException;
import org.custodia.ledger.api.AccessBasis;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.EventPosition;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerEvent;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.LedgerUnavailableException;
import org.custodia.ledger.api.TransactionState;
import org.custodia.testing.FakeChain;
import org.junit.jupiter.api.Test;

/** The retrieving hospital's check that the proxy's named transaction logged this access on its own chain node. */
class AccessLogCheckTest {

    private static final LedgerAddress US = LedgerAddress.fromHex("0x" + "b".repeat(40));
    private static final LedgerAddress OTHER_HOSPITAL = LedgerAddress.fromHex("0x" + "c".repeat(40));
    private static final LedgerAddress PROXY = LedgerAddress.fromHex("0x" + "d".repeat(40));
    private static final LedgerAddress OTHER_PROXY = LedgerAddress.fromHex("0x" + "e".repeat(40));
    private static final LedgerAddress CONSENT = LedgerAddress.fromHex("0x" + "f".repeat(40));
    private static final Bytes32 RECORD = Bytes32.fromHex("0x" + "1".repeat(64));
    private static final Bytes32 OTHER_RECORD = Bytes32.fromHex("0x" + "2".repeat(64));
    private static final Bytes32 TRANSACTION = Bytes32.fromHex("0x" + "3".repeat(64));

    private final AccessLogCheck check = new AccessLogCheck(Duration.ofMillis(300), Duration.ofMillis(20));

    /** The chain's latest block before the proxy was asked. */
    private static final long HEAD = 11;

    private static LedgerEvent.AccessLogged logged(Bytes32 record, LedgerAddress accessor, LedgerAddress proxy) {
        return loggedIn(HEAD + 1, record, accessor, proxy);
    }

    private static LedgerEvent.AccessLogged loggedIn(long block, Bytes32 record, LedgerAddress accessor,
            LedgerAddress proxy) {
        return new LedgerEvent.AccessLogged(new EventPosition(block, 0, Bytes32.fromHex("0x" + "4".repeat(64)),
                TRANSACTION, CONSENT), 7, record, accessor, proxy, Bytes32.fromHex("0x" + "5".repeat(64)),
                new AccessBasis(AccessBasis.Kind.GRANT, 3));
    }

    /** A chain node that answers the given lists in turn for the transaction, then the last one for ever. */
    private static FakeChain chainShowing(List<List<LedgerEvent.AccessLogged>> answers) {
        Deque<List<LedgerEvent.AccessLogged>> queue = new ArrayDeque<>(answers);
        return new FakeChain()
                .answering("account", arguments -> US)
                .answering("accessLogsIn", arguments -> {
                    assertEquals(TRANSACTION, arguments[0]);
                    return queue.size() > 1 ? queue.poll() : queue.peek();
                });
    }

    private static long lookups(FakeChain chain) {
        return chain.events().stream().filter("accessLogsIn"::equals).count();
    }

    @Test
    void theAccessLoggedInTheNamedTransactionIsFound() throws LedgerException {
        LedgerEvent.AccessLogged ours = logged(RECORD, US, PROXY);
        FakeChain chain = chainShowing(List.of(List.of(logged(OTHER_RECORD, OTHER_HOSPITAL, PROXY), ours)));
        assertSame(ours, check.require(chain, TRANSACTION, RECORD, PROXY, HEAD));
        assertEquals(1, lookups(chain), "a batch that holds this access is accepted at the first look");
    }

    @Test
    void aTransactionThatLoggedOnlyOtherAccessesIsRefusedAtOnce() throws LedgerException {
        for (LedgerEvent.AccessLogged other : List.of(logged(OTHER_RECORD, US, PROXY),
                logged(RECORD, OTHER_HOSPITAL, PROXY), logged(RECORD, US, OTHER_PROXY))) {
            FakeChain chain = chainShowing(List.of(List.of(other)));
            SharingException refused = assertThrows(SharingException.class,
                    () -> check.require(chain, TRANSACTION, RECORD, PROXY, HEAD));
            assertEquals(Failure.INTEGRITY_FAILURE, refused.failure());
            assertTrue(refused.getMessage().contains("logged other accesses only"), refused.getMessage());
            assertTrue(refused.getMessage().contains("nothing was kept"), refused.getMessage());
            assertEquals(1, lookups(chain), other.toString());
        }
    }

    @Test
    void aLogThisChainNodeHasNotImportedYetIsWaitedFor() throws LedgerException {
        LedgerEvent.AccessLogged ours = logged(RECORD, US, PROXY);
        FakeChain chain = chainShowing(List.of(List.of(), List.of(), List.of(ours)));
        assertSame(ours, check.require(chain, TRANSACTION, RECORD, PROXY, HEAD));
        assertEquals(3, lookups(chain));
    }

    @Test
    void aMinedTransactionThatNeverShowsTheAccessIsRefusedOncePatienceRunsOut() throws LedgerException {
        FakeChain chain = chainShowing(List.of(Collections.emptyList()))
                .answering("transactionState", arguments -> TransactionState.MINED);
        long started = System.nanoTime();
        SharingException refused = assertThrows(SharingException.class,
                () -> check.require(chain, TRANSACTION, RECORD, PROXY, HEAD));
        assertEquals(Failure.INTEGRITY_FAILURE, refused.failure());
        assertTrue(refused.getMessage().contains("shows no access logged in it"), refused.getMessage());
        assertTrue(refused.getMessage().contains(TRANSACTION.toString()), refused.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofMillis(300)) >= 0,
                "refused only after the patience");
        assertTrue(lookups(chain) >= 2, "looked again before refusing: " + lookups(chain));
    }

    @Test
    void aTransactionThatFailedOnChainIsRefused() {
        FakeChain chain = chainShowing(List.of(Collections.emptyList()))
                .answering("transactionState", arguments -> TransactionState.REVERTED);
        SharingException refused = assertThrows(SharingException.class,
                () -> check.require(chain, TRANSACTION, RECORD, PROXY, HEAD));
        assertEquals(Failure.INTEGRITY_FAILURE, refused.failure());
        assertTrue(refused.getMessage().contains("it failed on chain"), refused.getMessage());
    }

    /**
     * A transaction this hospital's chain node does not know at all is that proxy's failure, so that the next proxy
     * is asked: a faulty proxy naming a made-up transaction stopped every retrieval (503 after the patience).
     */
    @Test
    void aTransactionThisChainNodeDoesNotKnowIsTheProxysFailure() {
        FakeChain chain = chainShowing(List.of(Collections.emptyList()))
                .answering("transactionState", arguments -> TransactionState.UNKNOWN);
        SharingException failed = assertThrows(SharingException.class,
                () -> check.require(chain, TRANSACTION, RECORD, PROXY, HEAD));
        assertEquals(Failure.PROXY_UNREACHABLE, failed.failure());
        assertTrue(failed.getMessage().contains("does not know it"), failed.getMessage());
    }

    /** A chain node that lags behind the proxy's: no false alarm, and the access may be logged all the same. */
    @Test
    void aTransactionThisChainNodeHoldsUnminedIsItsUnavailabilityNamingTheTransaction() {
        FakeChain chain = chainShowing(List.of(Collections.emptyList()))
                .answering("transactionState", arguments -> TransactionState.PENDING);
        LedgerUnavailableException unavailable = assertThrows(LedgerUnavailableException.class,
                () -> check.require(chain, TRANSACTION, RECORD, PROXY, HEAD));
        assertTrue(unavailable.getMessage().contains("has not mined transaction " + TRANSACTION),
                unavailable.getMessage());
        assertTrue(unavailable.getMessage().contains("may be logged"), unavailable.getMessage());
        assertEquals(Optional.empty(), unavailable.pendingTransaction(), "the proxy's, not one this node sent");
    }

    /** The block imported between the last look at the logs and the look at the transaction's state. */
    @Test
    void aLogImportedAtTheLastLookIsFound() throws LedgerException {
        LedgerEvent.AccessLogged ours = logged(RECORD, US, PROXY);
        AtomicBoolean imported = new AtomicBoolean();
        FakeChain chain = new FakeChain()
                .answering("account", arguments -> US)
                .answering("accessLogsIn", arguments -> imported.get() ? List.of(ours) : List.of())
                .answering("transactionState", arguments -> {
                    imported.set(true);
                    return TransactionState.MINED;
                });

        assertSame(ours, check.require(chain, TRANSACTION, RECORD, PROXY, HEAD));
    }

    @Test
    void anUnreachableChainNodeIsReportedAsSuch() {
        FakeChain chain = new FakeChain().answering("account", arguments -> US).answering("accessLogsIn",
                arguments -> {
                    throw new LedgerUnavailableException("the chain node is not answering", null);
                });
        assertThrows(LedgerUnavailableException.class, () -> check.require(chain, TRANSACTION, RECORD, PROXY, HEAD));
    }

    @Test
    void anEarlierRetrievalsLogDoesNotCountForThisOne() throws LedgerException {
        FakeChain chain = chainShowing(List.of(List.of(loggedIn(HEAD, RECORD, US, PROXY))));
        SharingException refused = assertThrows(SharingException.class,
                () -> check.require(chain, TRANSACTION, RECORD, PROXY, HEAD));
        assertEquals(Failure.INTEGRITY_FAILURE, refused.failure());
        assertTrue(refused.getMessage().contains("before this retrieval began"), refused.getMessage());
        assertEquals(1, lookups(chain));
    }

    @Test
    void noConnectionIsHeldWhileWaiting() throws LedgerException {
        LedgerEvent.AccessLogged ours = logged(RECORD, US, PROXY);
        List<String> events = new CopyOnWriteArrayList<>();
        FakeChain chain = new FakeChain(events).answering("account", arguments -> US)
                .answering("close", arguments -> null);
        Deque<List<LedgerEvent.AccessLogged>> answers = new ArrayDeque<>(List.of(List.of(), List.of(ours)));
        chain.answering("accessLogsIn", arguments -> answers.poll());
        assertSame(ours, check.require(chain, TRANSACTION, RECORD, PROXY, HEAD));
        assertEquals(List.of("accessLogsIn", "account", "close", "accessLogsIn", "account", "close"), events);
    }
}
