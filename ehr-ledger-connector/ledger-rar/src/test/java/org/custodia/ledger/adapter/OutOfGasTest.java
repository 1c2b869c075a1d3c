package org.custodia.ledger.adapter;

import static org.custodia.ledger.adapter.ConnectorFixture.HOSPITAL_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.custodia.ledger.api.Category;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.RecordAnchor;
import org.custodia.ledger.api.TransactionOutOfGasException;
import org.custodia.ledger.testing.AnvilNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transaction mined with too little gas (its estimate made on a state that needed less) is reported as having run
 * out of gas, with nothing pending and nothing changed, not as the contract's refusal. anvil estimates right, so it
 * sits behind a {@link JsonRpcRelay} that answers {@code eth_estimateGas} with 30,000 while the test wants it to.
 */
class OutOfGasTest {

    @TempDir
    Path work;

    @Test
    void aTransactionThatRanOutOfGasIsNotAContractRefusalAndCanBeSentAgain() throws Exception {
        AtomicBoolean lowEstimates = new AtomicBoolean(true);
        try (AnvilNode anvil = AnvilNode.start(); ConnectorFixture fixture = new ConnectorFixture(anvil, work);
             JsonRpcRelay relay = JsonRpcRelay.answering(anvil.rpcUrl(),
                     request -> lowEstimates.get() && "eth_estimateGas".equals(request.path("method").asText()),
                     "0x7530")) {
            LedgerResourceAdapter adapter = fixture.configured(HOSPITAL_A);
            adapter.setRpcUrl(relay.url());
            adapter.start(null);
            try (LedgerConnection connection = ConnectorFixture.connectionFactory(adapter).getConnection()) {
                RecordAnchor anchor = RecordAnchor.original(ConcurrentTransactionsTest.random32(),
                        ConcurrentTransactionsTest.random32(), ConcurrentTransactionsTest.random32(),
                        new Category("laboratory"), "application/pdf");

                TransactionOutOfGasException failed = assertThrows(TransactionOutOfGasException.class,
                        () -> connection.anchorRecord(anchor));

                assertTrue(failed.getMessage().contains("ran out of gas") && failed.getMessage().contains("37500"),
                        failed.getMessage());
                assertTrue(failed.pendingTransaction().isEmpty(), "mined and failed: nothing may still take effect");
                assertTrue(connection.findRecord(anchor.recordId()).isEmpty(), "nothing changed on chain");

                lowEstimates.set(false);
                connection.anchorRecord(anchor);
                assertEquals(anchor.envelopeHash(),
                        connection.findRecord(anchor.recordId()).orElseThrow().anchor().envelopeHash(),
                        "sent again, estimated anew: anchored");
            } finally {
                adapter.stop();
            }
        }
    }
}
