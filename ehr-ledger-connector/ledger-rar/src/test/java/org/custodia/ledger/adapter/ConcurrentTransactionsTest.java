package org.custodia.ledger.adapter;

import static org.custodia.ledger.adapter.ConnectorFixture.HOSPITAL_A;
import static org.custodia.ledger.adapter.ConnectorFixture.OUTSIDER;
import static org.custodia.ledger.adapter.ConnectorFixture.PROXY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.custodia.ledger.api.AlreadyAnchoredException;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.Category;
import org.custodia.ledger.api.Issued;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.NotAuthorizedException;
import org.custodia.ledger.api.RecordAnchor;
import org.custodia.ledger.api.TransactionResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * Many anchors, or access logs, at once from one account: the connector gathers them into shared transactions, every
 * one is on chain exactly once or gets its own typed refusal, and the account used one nonce per transaction.
 */
class ConcurrentTransactionsTest {

    private static final int TRANSACTIONS = 200;
    private static final int THREADS = 32;

    @TempDir
    Path keystores;

    private HospitalChain chain;
    private final ExecutorService senders = Executors.newFixedThreadPool(THREADS);

    @BeforeEach
    void startChain() {
        chain = new HospitalChain(keystores);
    }

    @AfterEach
    void stopChain() {
        senders.shutdownNow();
        chain.close();
    }

    @Test
    void twoHundredConcurrentAnchorsFromOneAccountAreEachAnchoredOnce() throws Exception {
        BigInteger nonceBefore = nonce(chain.fixture);
        Bytes32 patient = random32();
        List<Future<TransactionResult>> results = new ArrayList<>();
        List<RecordAnchor> anchors = new ArrayList<>();
        for (int i = 0; i < TRANSACTIONS; i++) {
            RecordAnchor anchor = anchor(patient);
            anchors.add(anchor);
            results.add(senders.submit(() -> {
                try (LedgerConnection connection = chain.factory.getConnection()) {
                    return connection.anchorRecord(anchor);
                }
            }));
        }
        Set<Bytes32> hashes = new HashSet<>();
        for (Future<TransactionResult> result : results) {
            hashes.add(result.get().transactionHash());
        }

        assertTrue(hashes.size() < TRANSACTIONS, "concurrent anchors shared transactions: " + hashes.size());
        assertEquals(nonceBefore.add(BigInteger.valueOf(hashes.size())), nonce(chain.fixture),
                "exactly one nonce per transaction: none lost, none sent twice");
        try (LedgerConnection connection = chain.factory.getConnection()) {
            List<Bytes32> stored = connection.recordsOfPatient(patient);
            assertEquals(TRANSACTIONS, stored.size());
            assertTrue(stored.containsAll(anchors.stream().map(RecordAnchor::recordId).toList()));
        }
    }

    @Test
    void concurrentAnchorsOfWhichSomeAreRefusedEachGetTheirOwnAnswer() throws Exception {
        Bytes32 patient = random32();
        List<RecordAnchor> taken = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            RecordAnchor anchor = anchor(patient);
            taken.add(anchor);
            try (LedgerConnection connection = chain.factory.getConnection()) {
                connection.anchorRecord(anchor);
            }
        }
        Map<RecordAnchor, Future<TransactionResult>> results = new LinkedHashMap<>();
        for (int i = 0; i < TRANSACTIONS / 2; i++) {
            RecordAnchor anchor = i % 13 == 0 ? taken.get(i / 13) : anchor(patient);
            results.put(anchor, senders.submit(() -> {
                try (LedgerConnection connection = chain.factory.getConnection()) {
                    return connection.anchorRecord(anchor);
                }
            }));
        }
        int refused = 0;
        for (Map.Entry<RecordAnchor, Future<TransactionResult>> result : results.entrySet()) {
            if (taken.contains(result.getKey())) {
                ExecutionException failure = assertThrows(ExecutionException.class, result.getValue()::get);
                assertInstanceOf(AlreadyAnchoredException.class, failure.getCause());
                refused++;
            } else {
                assertTrue(result.getValue().get().blockNumber() > 0);
            }
        }

        assertEquals(taken.size(), refused);
        try (LedgerConnection connection = chain.factory.getConnection()) {
            assertEquals(TRANSACTIONS / 2 - refused + taken.size(),
                    connection.recordsOfPatient(patient).size(), "every other anchor is on chain once");
        }
    }

    @Test
    void concurrentAccessLogsShareTransactionsAndEachGetItsOwnLogIdOrRefusal() throws Exception {
        LedgerResourceAdapter proxy = chain.fixture.adapter(PROXY);
        try {
            RecordAnchor record = anchor(random32());
            try (LedgerConnection connection = chain.factory.getConnection()) {
                connection.anchorRecord(record);
            }
            LedgerConnectionFactory proxyFactory = ConnectorFixture.connectionFactory(proxy);
            BigInteger proxyNonce = nonceOf(chain.fixture, PROXY);
            List<Future<Issued>> allowed = new ArrayList<>();
            List<Future<Issued>> refused = new ArrayList<>();
            for (int i = 0; i < TRANSACTIONS; i++) {
                LedgerAddress accessor = chain.fixture.address(i % 10 == 0 ? OUTSIDER : HOSPITAL_A);
                Future<Issued> logged = senders.submit(() -> {
                    try (LedgerConnection connection = proxyFactory.getConnection()) {
                        return connection.logAccess(record.recordId(), accessor);
                    }
                });
                (i % 10 == 0 ? refused : allowed).add(logged);
            }
            Set<Long> logIds = new HashSet<>();
            Set<Bytes32> transactions = new HashSet<>();
            for (Future<Issued> logged : allowed) {
                logIds.add(logged.get().id());
                transactions.add(logged.get().transaction().transactionHash());
            }
            for (Future<Issued> logged : refused) {
                ExecutionException failure = assertThrows(ExecutionException.class, logged::get);
                assertInstanceOf(NotAuthorizedException.class, failure.getCause());
            }

            assertEquals(allowed.size(), logIds.size(), "each allowed access has a log id of its own");
            assertEquals(allowed.size(), logIds.stream().mapToLong(Long::longValue).max().orElseThrow(),
                    "the log ids are 1 to n: nothing logged twice, no refused access logged");
            assertTrue(transactions.size() < allowed.size(), "accesses shared transactions: "
                    + transactions.size());
            assertEquals(proxyNonce.add(BigInteger.valueOf(transactions.size())), nonceOf(chain.fixture, PROXY),
                    "a nonce per transaction that logged: refusals came from the estimates, before any nonce");
        } finally {
            proxy.stop();
        }
    }

    private static RecordAnchor anchor(Bytes32 patient) {
        return RecordAnchor.original(random32(), patient, random32(), new Category("laboratory"),
                "application/fhir+json");
    }

    static BigInteger nonce(ConnectorFixture fixture) throws Exception {
        return nonceOf(fixture, HOSPITAL_A);
    }

    static BigInteger nonceOf(ConnectorFixture fixture, int account) throws Exception {
        return fixture.contracts().chain().web3j().ethGetTransactionCount(
                fixture.address(account).toString(), DefaultBlockParameterName.LATEST).send().getTransactionCount();
    }

    static Bytes32 random32() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Bytes32.of(bytes);
    }
}
