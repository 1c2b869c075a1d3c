package org.custodia.ledger.adapter.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.custodia.ledger.api.LedgerUnavailableException;
import org.junit.jupiter.api.Test;

/**
 * An HTTP error answer from a gateway in front of the chain node: retried like an I/O error and reported as the node
 * being unavailable, never as an unchecked exception that callers would not take for one (web3j throws its own
 * {@code ClientConnectionException} for it). A local HTTP server stands in for the gateway: anvil answers no 502.
 */
class ChainClientTest {

    @Test
    void aGatewaysErrorAnswerIsRetriedAndReportedAsTheNodeUnavailable() throws IOException {
        AtomicInteger asked = new AtomicInteger();
        HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/", exchange -> {
            asked.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = "upstream timed out".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(502, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        gateway.start();
        try (ChainClient client = new ChainClient("http://127.0.0.1:" + gateway.getAddress().getPort() + "/rpc",
                Duration.ofSeconds(5), new RetryPolicy(2, Duration.ZERO))) {
            LedgerUnavailableException unavailable = assertThrows(LedgerUnavailableException.class,
                    () -> client.send("send the transaction", client.web3j().ethSendRawTransaction("0x00")));
            assertEquals(3, asked.get(), "asked again, as after an I/O error");
            assertTrue(unavailable.getMessage().contains("did not answer when trying to send the transaction")
                    && unavailable.getMessage().contains("502"), unavailable.getMessage());
        } finally {
            gateway.stop(0);
        }
    }
}
