package org.custodia.ledger.adapter;

import static org.custodia.ledger.adapter.ConnectorFixture.HOSPITAL_A;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

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
 * grants). anvil cannot be made to fail receipts alone, so it sits behind a JSON-RPC relay of this test that
 * answers every receipt request with an error and passes everything else on.
 */
class LostReceiptsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void aTransactionWhoseReceiptCannotBeReadIsNamedAsPending() throws Exception {
        try (AnvilNode anvil = AnvilNode.start(); ConnectorFixture fixture = new ConnectorFixture(anvil, work);
             ReceiptlessRelay relay = new ReceiptlessRelay(anvil.rpcUrl())) {
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

    /** Relays JSON-RPC to {@code target}, except receipt requests, which it answers with an error. */
    private static final class ReceiptlessRelay implements AutoCloseable {

        private final HttpServer server;
        private final HttpClient client = HttpClient.newHttpClient();
        private final URI target;

        ReceiptlessRelay(String target) throws IOException {
            this.target = URI.create(target);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", this::relay);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void relay(HttpExchange exchange) throws IOException {
            byte[] request;
            try (InputStream in = exchange.getRequestBody()) {
                request = in.readAllBytes();
            }
            JsonNode body = JSON.readTree(request);
            byte[] answer;
            if (asksForReceipts(body)) {
                answer = JSON.writeValueAsBytes(body.isArray() ? refusedAll((ArrayNode) body) : refused(body));
            } else {
                try {
                    answer = client.send(HttpRequest.newBuilder(target).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(),
                            HttpResponse.BodyHandlers.ofByteArray()).body();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }

        private static boolean asksForReceipts(JsonNode body) {
            return body.toString().contains("\"eth_getTransactionReceipt\"");
        }

        private static ArrayNode refusedAll(ArrayNode batch) {
            ArrayNode answers = JSON.createArrayNode();
            batch.forEach(request -> answers.add(refused(request)));
            return answers;
        }

        private static ObjectNode refused(JsonNode request) {
            ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0");
            answer.set("id", request.get("id"));
            answer.putObject("error").put("code", -32603).put("message", "receipts are not available");
            return answer;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
