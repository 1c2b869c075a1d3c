package org.custodia.ledger.adapter;

import static org.custodia.ledger.adapter.ConnectorFixture.HOSPITAL_A;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;

import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerUnavailableException;
import org.custodia.ledger.testing.AnvilNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * A chain node that took a transaction but whose receipts cannot be read: the caller is told which transaction may
 * still take effect, never a bare failure that would have it send the transaction again (a grant sent twice is two
 * grants). anvil cannot be made to fail receipts alone, so it sits behind a {@link JsonRpcRelay} that answers every
 * receipt request with an error and passes everything else on.
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
}
