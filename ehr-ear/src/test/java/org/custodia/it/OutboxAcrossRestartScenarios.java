package org.custodia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.custodia.ledger.testing.AnvilNode;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.Transaction;

/**
 * Anchors still waiting in the outbox when the server stops are sent after it starts again, each exactly once:
 * records uploaded while the chain node is down stay pending, the server is stopped, the chain node comes back,
 * the server starts, and every record becomes anchored by exactly one transaction of the node's account. Anchor
 * attempts are usually still under way (the connector retrying the absent chain node) while the server stops.
 *
 * <p>{@code -Dit.restarts=N} repeats the scenario N times in one run (default once), to show it holds whatever the
 * timing of the stop.
 */
abstract class OutboxAcrossRestartScenarios {

    private static final int RECORDS = 3;

    @Test
    void pendingAnchorsAreSentOnceAfterAServerRestart() {
        int restarts = Integer.getInteger("it.restarts", 1);
        for (int restart = 1; restart <= restarts; restart++) {
            pendingAnchorsAreSentOnceAfterOneRestart();
        }
    }

    private void pendingAnchorsAreSentOnceAfterOneRestart() {
        StaffClient admin = StaffClient.admin();
        StaffClient physician = admin.createAccount("physician");
        String patient = RecordsApi.registerPatient(admin);
        String nodeAccount = nodeAccount();
        AnvilNode chain = LocalChain.node();
        long firstBlock;
        try (ChainScan scan = new ChainScan()) {
            firstBlock = scan.latestBlock() + 1;
        }

        List<String> recordIds = new ArrayList<>();
        chain.stop();
        try {
            for (int i = 0; i < RECORDS; i++) {
                String id = RecordsApi.uploadText(physician, patient, "imaging", "Scan " + i, "report " + i);
                JsonObject record = StaffClient.object(physician.get("/records/" + id));
                assertEquals("pending", record.getString("anchorStatus"), "waiting in the outbox: " + record);
                recordIds.add(id);
            }
            TestServer.restart(chain::restart);
        } finally {
            if (!chain.isRunning()) {
                chain.restart();
            }
        }

        for (String id : recordIds) {
            RecordsApi.awaitAnchored(physician, id);
        }
        try (ChainScan scan = new ChainScan()) {
            List<Transaction> fromNode = scan.transactionsSince(firstBlock).stream()
                    .filter(transaction -> transaction.getFrom().equalsIgnoreCase(nodeAccount)).toList();
            Map<String, Long> sendsPerRecord = recordIds.stream().collect(Collectors.toMap(Function.identity(),
                    id -> fromNode.stream().filter(t -> t.getInput().toLowerCase().contains(id.toLowerCase())).count()));
            assertEquals(recordIds.stream().collect(Collectors.toMap(Function.identity(), id -> 1L)), sendsPerRecord,
                    "one anchor transaction per record");
        }
    }

    /** The account the node signs with, as its chain-node readiness check reports it. */
    private static String nodeAccount() {
        HttpResponse<String> health = TestNode.get("/health/ready");
        assertEquals(200, health.statusCode(), health.body());
        return Json.createReader(new StringReader(health.body())).readObject().getJsonArray("checks").stream()
                .map(JsonValue::asJsonObject).filter(check -> check.getString("name").equals("chain-node"))
                .findFirst().orElseThrow().getJsonObject("data").getString("account");
    }
}
