package org.custodia.ledger.adapter;

import static org.custodia.ledger.adapter.ConnectorFixture.HOSPITAL_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.Category;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.RecordAnchor;
import org.custodia.ledger.api.TransactionResult;
import org.custodia.ledger.testing.AnvilNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * Many anchors at once from one account: every one is anchored exactly once, none fails, and the account used one
 * nonce per transaction (the connector gathers concurrent anchors into shared transactions).
 */
class ConcurrentTransactionsTest {

    private static final int TRANSACTIONS = 200;
    private static final int THREADS = 32;

    @TempDir
    Path keystores;

    @Test
    void twoHundredConcurrentAnchorsFromOneAccountAreEachAnchoredOnce() throws Exception {
        try (AnvilNode anvil = AnvilNode.start(); ConnectorFixture fixture = new ConnectorFixture(anvil, keystores)) {
            LedgerResourceAdapter adapter = fixture.adapter(HOSPITAL_A);
            try {
                LedgerConnectionFactory factory = ConnectorFixture.connectionFactory(adapter);
                BigInteger nonceBefore = nonce(fixture);
                Bytes32 patient = random32();
                ExecutorService senders = Executors.newFixedThreadPool(THREADS);
                List<Future<TransactionResult>> results = new ArrayList<>();
                List<RecordAnchor> anchors = new ArrayList<>();
                for (int i = 0; i < TRANSACTIONS; i++) {
                    RecordAnchor anchor = RecordAnchor.original(random32(), patient, random32(),
                            new Category("laboratory"), "application/fhir+json");
                    anchors.add(anchor);
                    results.add(senders.submit(() -> {
                        try (LedgerConnection connection = factory.getConnection()) {
                            return connection.anchorRecord(anchor);
                        }
                    }));
                }
                Set<Bytes32> hashes = new HashSet<>();
                for (Future<TransactionResult> result : results) {
                    hashes.add(result.get().transactionHash());
                }
                senders.shutdown();

                assertTrue(hashes.size() < TRANSACTIONS, "concurrent anchors shared transactions: " + hashes.size());
                assertEquals(nonceBefore.add(BigInteger.valueOf(hashes.size())), nonce(fixture),
                        "exactly one nonce per transaction: none lost, none sent twice");
                try (LedgerConnection connection = factory.getConnection()) {
                    List<Bytes32> stored = connection.recordsOfPatient(patient);
                    assertEquals(TRANSACTIONS, stored.size());
                    assertTrue(stored.containsAll(anchors.stream().map(RecordAnchor::recordId).toList()));
                }
            } finally {
                adapter.stop();
            }
        }
    }

    static BigInteger nonce(ConnectorFixture fixture) throws Exception {
        return fixture.contracts().chain().web3j().ethGetTransactionCount(
                fixture.address(HOSPITAL_A).toString(), DefaultBlockParameterName.LATEST).send().getTransactionCount();
    }

    static Bytes32 random32() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Bytes32.of(bytes);
    }
}
