package org.custodia.ledger.adapter;

import static org.custodia.ledger.adapter.ConnectorFixture.HOSPITAL_A;
import static org.custodia.ledger.adapter.ConnectorFixture.HOSPITAL_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.custodia.ledger.api.AccessScope;
import org.custodia.ledger.api.AnchoredRecord;
import org.custodia.ledger.api.AuditHead;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.Category;
import org.custodia.ledger.api.GrantExpiredException;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerUnavailableException;
import org.custodia.ledger.api.RecordAnchor;
import org.custodia.ledger.api.TransactionResult;
import org.custodia.ledger.api.TransactionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.utils.Numeric;

/**
 * Transactions that the chain node loses while their senders wait for them. anvil stands in for a node that drops a
 * transaction from its pool (or loses it in a restart): mining is stopped while the transactions are sent, one is
 * dropped ({@code anvil_dropTransaction}), then blocks are mined every second again. The sender must notice the
 * receipt that does not come and recover, with every anchor on chain exactly once.
 */
class StuckTransactionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private HospitalChain chain;
    private final ExecutorService senders = Executors.newFixedThreadPool(2);

    @BeforeEach
    void startChain() {
        chain = new HospitalChain(work);
    }

    @AfterEach
    void stopChain() {
        senders.shutdownNow();
        chain.close();
    }

    @Test
    void aDroppedTransactionThatLeftANonceGapIsHandedOverAgainUnchanged() throws Exception {
        BigInteger first = ConcurrentTransactionsTest.nonce(chain.fixture);
        RecordAnchor anchor = anchor();
        Future<TransactionResult> anchored = anchorWithMiningPaused(anchor, first);
        Future<TransactionResult> head = senders.submit(() -> {
            try (LedgerConnection connection = chain.factory.getConnection()) {
                return connection.anchorAuditHead(new AuditHead(1, ConcurrentTransactionsTest.random32()));
            }
        });
        awaitPool(first.add(BigInteger.TWO));
        String dropped = pooledTransaction(first);

        chain.anvil.rpc("anvil_dropTransaction", "\"" + dropped + "\"");
        chain.anvil.rpc("evm_setIntervalMining", "1");

        assertEquals(dropped, anchored.get(30, TimeUnit.SECONDS).transactionHash().toString(),
                "the dropped transaction itself was mined: handed over again, not signed again");
        assertTrue(head.get(30, TimeUnit.SECONDS).blockNumber() > 0);
        assertEquals(first.add(BigInteger.TWO), ConcurrentTransactionsTest.nonce(chain.fixture),
                "one nonce per transaction: the gap filled, nothing sent twice");
        assertOnChainOnce(anchor);
    }

    /**
     * A chain node that loses a block it had mined (a development chain reverted): the transaction in it, whose
     * sender was told it was mined, is handed over again unchanged once the next transaction waits behind its nonce.
     * Before, its signed bytes were forgotten at its receipt: the next sender waited out the receipt timeout and was
     * told the chain was unavailable, and the anchor stayed off the chain.
     */
    @Test
    void aMinedTransactionWhoseBlockWasLostIsHandedOverAgainUnchanged() throws Exception {
        BigInteger first = ConcurrentTransactionsTest.nonce(chain.fixture);
        String snapshot = JSON.readTree(chain.anvil.rpc("evm_snapshot", "")).get("result").asText();
        RecordAnchor lost = anchor();
        Bytes32 minedFirst = anchorRecord(lost).transactionHash();
        chain.anvil.rpc("evm_revert", "\"" + snapshot + "\"");
        assertEquals(first, ConcurrentTransactionsTest.nonce(chain.fixture), "the anchor's block is gone");

        RecordAnchor next = anchor();
        anchorRecord(next);

        assertEquals(first.add(BigInteger.TWO), ConcurrentTransactionsTest.nonce(chain.fixture),
                "one nonce per transaction: the lost one mined again, nothing signed twice");
        assertOnChainOnce(lost);
        assertOnChainOnce(next);
        try (LedgerConnection connection = chain.factory.getConnection()) {
            assertEquals(TransactionState.MINED, connection.transactionState(minedFirst),
                    "the lost transaction itself, with the hash its sender was given");
        }
    }

    /**
     * The same lost block, but the next transaction's estimate fails first (the node away a moment), so the nonces are
     * counted from the node's view again, which gives the lost transaction's nonce as the next free one: the lost
     * transaction is handed over again at it, before the next one is signed. Before, the next one took its nonce and
     * the lost anchor stayed off the chain for good.
     */
    @Test
    void aLostMinedTransactionIsHandedOverAgainBeforeANewOneTakesItsNonce() throws Exception {
        AtomicBoolean estimatesRefused = new AtomicBoolean();
        try (JsonRpcRelay relay = new JsonRpcRelay(chain.anvil.rpcUrl(), request -> estimatesRefused.get()
                && "eth_estimateGas".equals(request.path("method").asText()), -32603, "the node is restarting")) {
            LedgerResourceAdapter adapter = chain.fixture.configured(HOSPITAL_A);
            adapter.setRpcUrl(relay.url());
            adapter.start(null);
            try (LedgerConnection connection = ConnectorFixture.connectionFactory(adapter).getConnection()) {
                BigInteger first = ConcurrentTransactionsTest.nonce(chain.fixture);
                String snapshot = JSON.readTree(chain.anvil.rpc("evm_snapshot", "")).get("result").asText();
                RecordAnchor lost = anchor();
                Bytes32 minedFirst = connection.anchorRecord(lost).transactionHash();
                chain.anvil.rpc("evm_revert", "\"" + snapshot + "\"");
                RecordAnchor next = anchor();
                estimatesRefused.set(true);
                assertThrows(LedgerUnavailableException.class, () -> connection.anchorRecord(next));
                estimatesRefused.set(false);

                connection.anchorRecord(next);

                assertEquals(first.add(BigInteger.TWO), ConcurrentTransactionsTest.nonce(chain.fixture),
                        "the lost transaction at its nonce, the next one after it");
                assertEquals(TransactionState.MINED, connection.transactionState(minedFirst),
                        "the lost transaction itself, with the hash its sender was given");
                assertOnChainOnce(lost);
                assertOnChainOnce(next);
            } finally {
                adapter.stop();
            }
        }
    }

    /** What a caller told "may still be mined" asks before sending the same change again. */
    @Test
    void aTransactionIsPendingWhilePooledAndMinedOnceMined() throws Exception {
        BigInteger first = ConcurrentTransactionsTest.nonce(chain.fixture);
        Future<TransactionResult> anchored = anchorWithMiningPaused(anchor(), first);
        Bytes32 pooled = Bytes32.fromHex(pooledTransaction(first));
        try (LedgerConnection connection = chain.factory.getConnection()) {
            assertEquals(TransactionState.PENDING, connection.transactionState(pooled));
            chain.anvil.rpc("evm_setIntervalMining", "1");
            assertEquals(pooled, anchored.get(30, TimeUnit.SECONDS).transactionHash());
            assertEquals(TransactionState.MINED, connection.transactionState(pooled));
        }
    }

    /**
     * A revocation estimated while its grant was in force, mined in a block after the grant's expiry: the contract
     * refuses it when mined, and it is then no reason to hold back a change staff try again.
     */
    @Test
    void aTransactionTheContractRefusedWhenMinedIsReverted() throws Exception {
        Instant expiry = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
        RecordAnchor anchor = anchor();
        long grant;
        try (LedgerConnection connection = chain.factory.getConnection()) {
            connection.anchorRecord(anchor);
            grant = connection.grant(AccessScope.allRecords(anchor.patientPseudonym()),
                    chain.fixture.address(HOSPITAL_B), "treatment", expiry).id();
        }
        BigInteger first = ConcurrentTransactionsTest.nonce(chain.fixture);
        chain.anvil.rpc("evm_setAutomine", "false");
        Future<TransactionResult> revoked = senders.submit(() -> revoke(grant));
        awaitPool(first.add(BigInteger.ONE));
        Bytes32 pooled = Bytes32.fromHex(pooledTransaction(first));

        chain.anvil.rpc("evm_setNextBlockTimestamp", Long.toString(expiry.getEpochSecond() + 1));
        chain.anvil.rpc("evm_mine", "");

        ExecutionException refused = assertThrows(ExecutionException.class, () -> revoked.get(30, TimeUnit.SECONDS));
        assertInstanceOf(GrantExpiredException.class, refused.getCause(), "the contract's own reason");
        try (LedgerConnection connection = chain.factory.getConnection()) {
            assertEquals(TransactionState.REVERTED, connection.transactionState(pooled));
        }
    }

    private TransactionResult revoke(long grant) throws Exception {
        try (LedgerConnection connection = chain.factory.getConnection()) {
            return connection.revokeGrant(grant);
        }
    }

    @Test
    void aTransactionWhoseNonceWentToAnotherIsSignedAgainAndAnchoredOnce() throws Exception {
        BigInteger first = ConcurrentTransactionsTest.nonce(chain.fixture);
        RecordAnchor anchor = anchor();
        Future<TransactionResult> anchored = anchorWithMiningPaused(anchor, first);
        String displaced = pooledTransaction(first);

        chain.anvil.rpc("anvil_dropTransaction", "\"" + displaced + "\"");
        sendSelfTransfer(first);
        chain.anvil.rpc("evm_mine", "");
        chain.anvil.rpc("evm_setIntervalMining", "1");

        TransactionResult result = anchored.get(30, TimeUnit.SECONDS);
        assertNotEquals(displaced, result.transactionHash().toString(), "signed again under a new nonce");
        assertEquals(first.add(BigInteger.TWO), ConcurrentTransactionsTest.nonce(chain.fixture),
                "the other transaction and the anchor signed again, nothing more");
        assertOnChainOnce(anchor);
    }

    /** Stops mining, then anchors in the background until the anchor's transaction, nonce {@code nonce}, is pooled. */
    private Future<TransactionResult> anchorWithMiningPaused(RecordAnchor anchor, BigInteger nonce) throws Exception {
        chain.anvil.rpc("evm_setAutomine", "false");
        Future<TransactionResult> anchored = senders.submit(() -> anchorRecord(anchor));
        awaitPool(nonce.add(BigInteger.ONE));
        return anchored;
    }

    private TransactionResult anchorRecord(RecordAnchor anchor) throws Exception {
        try (LedgerConnection connection = chain.factory.getConnection()) {
            return connection.anchorRecord(anchor);
        }
    }

    private static RecordAnchor anchor() {
        return RecordAnchor.original(ConcurrentTransactionsTest.random32(), ConcurrentTransactionsTest.random32(),
                ConcurrentTransactionsTest.random32(), new Category("laboratory"), "application/pdf");
    }

    private void assertOnChainOnce(RecordAnchor anchor) throws Exception {
        try (LedgerConnection connection = chain.factory.getConnection()) {
            AnchoredRecord found = connection.findRecord(anchor.recordId()).orElseThrow();
            assertEquals(anchor.envelopeHash(), found.anchor().envelopeHash());
            assertEquals(1, connection.recordsOfPatient(anchor.patientPseudonym()).size());
        }
    }

    /** Waits until the account's transactions in the node's pool reach nonce {@code next}. */
    private void awaitPool(BigInteger next) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pendingCount().compareTo(next) < 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the sender did not hand nonce " + next.subtract(BigInteger.ONE)
                        + " to the node");
            }
            Thread.sleep(10);
        }
    }

    private BigInteger pendingCount() throws Exception {
        return chain.fixture.contracts().chain().web3j().ethGetTransactionCount(account().getAddress(),
                org.web3j.protocol.core.DefaultBlockParameterName.PENDING).send().getTransactionCount();
    }

    /** The hash of the account's pooled transaction with {@code nonce} ({@code txpool_content}). */
    private String pooledTransaction(BigInteger nonce) throws Exception {
        JsonNode pending = JSON.readTree(chain.anvil.rpc("txpool_content", "")).path("result").path("pending");
        for (Iterator<Map.Entry<String, JsonNode>> accounts = pending.fields(); accounts.hasNext(); ) {
            Map.Entry<String, JsonNode> account = accounts.next();
            if (account.getKey().equalsIgnoreCase(account().getAddress())) {
                JsonNode transaction = account.getValue().path(nonce.toString());
                if (!transaction.isMissingNode()) {
                    return transaction.path("hash").asText();
                }
            }
        }
        throw new AssertionError("no pooled transaction with nonce " + nonce + ": " + pending);
    }

    /** Another user of the same account: a transfer to itself under {@code nonce}. */
    private void sendSelfTransfer(BigInteger nonce) throws Exception {
        byte[] signed = TransactionEncoder.signMessage(RawTransaction.createEtherTransaction(nonce, BigInteger.ZERO,
                BigInteger.valueOf(21_000), account().getAddress(), BigInteger.ZERO), chain.anvil.chainId(), account());
        EthSendTransaction answer = chain.fixture.contracts().chain().web3j()
                .ethSendRawTransaction(Numeric.toHexString(signed)).send();
        assertTrue(!answer.hasError(), () -> "anvil refused the transfer: " + answer.getError().getMessage());
    }

    private Credentials account() {
        return chain.fixture.contracts().account(HOSPITAL_A);
    }
}
