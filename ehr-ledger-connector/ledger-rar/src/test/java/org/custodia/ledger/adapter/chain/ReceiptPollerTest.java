package org.custodia.ledger.adapter.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.LedgerException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * A round of receipts the node answers with an error is a missed poll, wherever it falls: a waiter whose time is up
 * right after one is told nothing; after two in a row, it is told. A local JSON-RPC server answers each round as
 * scripted, and answers the last round of a wait only once the wait's time is up, so the order of events does not
 * depend on the machine's speed (anvil cannot be made to fail receipts).
 */
class ReceiptPollerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Bytes32 HASH = Bytes32.fromHex("0x" + "ab".repeat(32));
    private static final Duration INTERVAL = Duration.ofMillis(1);

    /** How the server answers a round: a receipt, none yet, or an error; not before a time (nanoTime), if set. */
    private record Answer(String kind, long notBefore) {
    }

    private final ConcurrentLinkedDeque<Answer> script = new ConcurrentLinkedDeque<>();
    private final AtomicInteger rounds = new AtomicInteger();
    private HttpServer node;
    private ChainClient client;

    @BeforeEach
    void startNode() throws IOException {
        node = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        node.createContext("/", this::answer);
        node.start();
        client = new ChainClient("http://127.0.0.1:" + node.getAddress().getPort(), Duration.ofSeconds(30),
                new RetryPolicy(0, Duration.ZERO));
    }

    @AfterEach
    void stopNode() {
        client.close();
        node.stop(0);
    }

    @Test
    void aRoundThatFailsAsTheWaitEndsIsAMissedPoll() throws LedgerException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        script.add(new Answer("none", 0));
        script.add(new Answer("error", until + TimeUnit.MILLISECONDS.toNanos(20)));

        assertEquals(Optional.empty(), new ReceiptPoller(client).await(HASH, INTERVAL, until));
        assertEquals(2, rounds.get());
    }

    @Test
    void twoRoundsInARowThatFailAreReportedOnceTheWaitEnds() {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        script.add(new Answer("error", 0));
        script.add(new Answer("error", until + TimeUnit.MILLISECONDS.toNanos(20)));

        LedgerException failure = assertThrows(LedgerException.class,
                () -> new ReceiptPoller(client).await(HASH, INTERVAL, until));
        assertTrue(failure.getMessage().contains("refused to give a receipt"), failure.getMessage());
        assertEquals(2, rounds.get());
    }

    @Test
    void theReceiptARoundAfterAFailedOneBringsIsFound() throws LedgerException {
        script.add(new Answer("error", 0));
        script.add(new Answer("receipt", 0));

        Optional<TransactionReceipt> receipt = new ReceiptPoller(client).await(HASH, INTERVAL,
                System.nanoTime() + TimeUnit.SECONDS.toNanos(30));

        assertEquals(HASH.toString(), receipt.orElseThrow().getTransactionHash());
        assertEquals(2, rounds.get());
    }

    private void answer(HttpExchange exchange) throws IOException {
        JsonNode batch = JSON.readTree(exchange.getRequestBody().readAllBytes());
        rounds.incrementAndGet();
        Answer answer = script.size() > 1 ? script.poll() : script.peek();
        while (System.nanoTime() - answer.notBefore() < 0 && answer.notBefore() != 0) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        ArrayNode answers = JSON.createArrayNode();
        for (JsonNode request : batch) {
            ObjectNode one = answers.addObject().put("jsonrpc", "2.0");
            one.set("id", request.get("id"));
            switch (answer.kind()) {
                case "error" -> one.putObject("error").put("code", -32603).put("message", "receipts unavailable");
                case "receipt" -> one.putObject("result").put("transactionHash", HASH.toString())
                        .put("blockNumber", "0x7").put("status", "0x1").put("gasUsed", "0x5208")
                        .put("cumulativeGasUsed", "0x5208").put("transactionIndex", "0x0");
                default -> one.putNull("result");
            }
        }
        byte[] body = JSON.writeValueAsBytes(answers);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
