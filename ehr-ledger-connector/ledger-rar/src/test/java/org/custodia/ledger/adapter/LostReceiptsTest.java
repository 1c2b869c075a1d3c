package org.custodia.ledger.adapter;

import static org.custodia.ledger.adapter.ConnectorFixture.HOSPITAL_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.Category;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.LedgerUnavailableException;
import org.custodia.ledger.api.RecordAnchor;
import org.custodia.ledger.api.TransactionResult;
import org.custodia.ledger.testing.AnvilNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * A chain node that took a transaction but whose receipts cannot be read: the caller is told which transaction may
 * still take effect, never a bare failure that would have it send the transaction again (a grant sent twice is two
 * grants). A round of receipt requests the node answers with an error is a missed poll, not a failure of every
 * transaction waiting. anvil cannot be made to fail receipts alone, so it sits behind a {@link JsonRpcRelay} that
 * answers receipt requests with an error and passes everything else on.
 */
class LostReceiptsTest {

    @TempDir
    Path work;

    @Test
    void aTransactionWhoseReceiptCannotBeReadIsNamedAsPending() throws Exception {
        try (AnvilNode anvil = AnvilNode.start(); ConnectorFixture fixture = new ConnectorFixture(anvil, work);
             JsonRpcRelay relay = new JsonRpcRelay(anvil.rpcUrl(),
                     request -> "eth_getTransactionReceipt".equals(request.path("method").asText()), -32603,
                     "receipts are not available")) {
            LedgerResourceAdapter adapter = fixture.configured(HOSPITAL_A);
            adapter.setRpcUrl(relay.url());
            adapter.start(null);
            try (LedgerConnection connection = ConnectorFixture.connectionFactory(adapter).getConnection()) {
                LedgerUnavailableException failed = assertThrows(LedgerUnavailableException.class,
                        () -> connection.updateOwnProfile(URI.create("https://a.example/custodia"), new byte[0]));

                Bytes32 pending = failed.pendingTransaction().orElseThrow(
                        () -> new AssertionError("no transaction named: " + failed.getMessage()));
                Web3j direct = Web3j.build(new HttpService(anvil.rpcUrl()));
                try {
                    assertTrue(direct.ethGetTransactionReceipt(pending.toString()).send().getTransactionReceipt()
                            .isPresent(), "the transaction named is the one the node mined");
                } finally {
                    direct.shutdown();
                }
            } finally {
                adapter.stop();
            }
        }
    }

    @Test
    void receiptRoundsAnsweredWithAnErrorAreMissedPollsForEveryWaitingTransaction() throws Exception {
        int senders = 6;
        AtomicInteger receiptRoundsRefused = new AtomicInteger();
        try (AnvilNode anvil = AnvilNode.start(); ConnectorFixture fixture = new ConnectorFixture(anvil, work);
             JsonRpcRelay relay = new JsonRpcRelay(anvil.rpcUrl(),
                     request -> "eth_getTransactionReceipt".equals(request.path("method").asText())
                             && receiptRoundsRefused.getAndUpdate(n -> Math.min(n + 1, 3)) < 3,
                     -32603, "receipts are not available")) {
            LedgerResourceAdapter adapter = fixture.configured(HOSPITAL_A);
            adapter.setRpcUrl(relay.url());
            adapter.start(null);
            ExecutorService threads = Executors.newFixedThreadPool(senders);
            try {
                LedgerConnectionFactory factory = ConnectorFixture.connectionFactory(adapter);
                List<RecordAnchor> anchors = new ArrayList<>();
                List<Future<TransactionResult>> anchored = new ArrayList<>();
                for (int i = 0; i < senders; i++) {
                    RecordAnchor anchor = RecordAnchor.original(ConcurrentTransactionsTest.random32(),
                            ConcurrentTransactionsTest.random32(), ConcurrentTransactionsTest.random32(),
                            new Category("laboratory"), "application/pdf");
                    anchors.add(anchor);
                    anchored.add(threads.submit(() -> {
                        try (LedgerConnection connection = factory.getConnection()) {
                            return connection.anchorRecord(anchor);
                        }
                    }));
                }
                for (Future<TransactionResult> result : anchored) {
                    result.get(60, TimeUnit.SECONDS);
                }

                assertEquals(3, receiptRoundsRefused.get(), "the relay refused three receipt rounds");
                try (LedgerConnection connection = factory.getConnection()) {
                    for (RecordAnchor anchor : anchors) {
                        assertEquals(anchor.envelopeHash(),
                                connection.findRecord(anchor.recordId()).orElseThrow().anchor().envelopeHash());
                    }
                }
            } finally {
                threads.shutdownNow();
                adapter.stop();
            }
        }
    }
}
