package org.custodia.ledger.adapter;

import static org.custodia.ledger.adapter.ConnectorFixture.HOSPITAL_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.custodia.ledger.api.Category;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.RecordAnchor;
import org.custodia.ledger.api.TransactionOutOfGasException;
import org.custodia.ledger.testing.AnvilNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transaction mined with too little gas (its estimate made on a state that needed less) is sent once more with a
 * new estimate; one that runs out of gas again is reported as such, with nothing pending and nothing changed, not as
 * the contract's refusal. anvil estimates right, so it sits behind a {@link JsonRpcRelay} that answers as many
 * {@code eth_estimateGas} as the test says with 30,000 (a limit of 37,500, far too little for an anchor).
 */
class OutOfGasTest {

    @TempDir
    Path work;

    private final AtomicInteger lowEstimatesLeft = new AtomicInteger();
    private final AtomicInteger estimates = new AtomicInteger();
    private AnvilNode anvil;
    private ConnectorFixture fixture;
    private JsonRpcRelay relay;
    private LedgerResourceAdapter adapter;

    @BeforeEach
    void start() throws Exception {
        anvil = AnvilNode.start();
        fixture = new ConnectorFixture(anvil, work);
        relay = JsonRpcRelay.answering(anvil.rpcUrl(), this::answeredLow, "0x7530");
        adapter = fixture.configured(HOSPITAL_A);
        adapter.setRpcUrl(relay.url());
        adapter.start(null);
    }

    @AfterEach
    void stop() {
        adapter.stop();
        relay.close();
        fixture.close();
        anvil.close();
    }

    @Test
    void aTransactionThatRanOutOfGasIsSentOnceMoreWithANewEstimate() throws Exception {
        BigInteger nonce = ConcurrentTransactionsTest.nonce(fixture);
        lowEstimatesLeft.set(1);
        try (LedgerConnection connection = ConnectorFixture.connectionFactory(adapter).getConnection()) {
            RecordAnchor anchor = anchor();

            connection.anchorRecord(anchor);

            assertEquals(anchor.envelopeHash(),
                    connection.findRecord(anchor.recordId()).orElseThrow().anchor().envelopeHash());
        }
        assertEquals(2, estimates.get(), "estimated again after running out of gas");
        assertEquals(nonce.add(BigInteger.TWO), ConcurrentTransactionsTest.nonce(fixture),
                "the transaction that ran out of gas, then the one that anchored");
    }

    @Test
    void aTransactionThatRanOutOfGasTwiceIsNotAContractRefusalAndChangedNothing() throws Exception {
        lowEstimatesLeft.set(2);
        try (LedgerConnection connection = ConnectorFixture.connectionFactory(adapter).getConnection()) {
            RecordAnchor anchor = anchor();

            TransactionOutOfGasException failed = assertThrows(TransactionOutOfGasException.class,
                    () -> connection.anchorRecord(anchor));

            assertTrue(failed.getMessage().contains("ran out of gas") && failed.getMessage().contains("37500"),
                    failed.getMessage());
            assertTrue(failed.pendingTransaction().isEmpty(), "mined and failed: nothing may still take effect");
            assertEquals(2, estimates.get(), "sent twice, each time estimated anew");
            assertTrue(connection.findRecord(anchor.recordId()).isEmpty(), "nothing changed on chain");

            connection.anchorRecord(anchor);
            assertEquals(anchor.envelopeHash(),
                    connection.findRecord(anchor.recordId()).orElseThrow().anchor().envelopeHash(),
                    "sent again with true estimates: anchored");
        }
    }

    /** Counts the estimates asked for; whether the relay answers this one itself, with too little gas. */
    private boolean answeredLow(JsonNode request) {
        if (!"eth_estimateGas".equals(request.path("method").asText())) {
            return false;
        }
        estimates.incrementAndGet();
        return lowEstimatesLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
    }

    private static RecordAnchor anchor() {
        return RecordAnchor.original(ConcurrentTransactionsTest.random32(), ConcurrentTransactionsTest.random32(),
                ConcurrentTransactionsTest.random32(), new Category("laboratory"), "application/pdf");
    }
}
