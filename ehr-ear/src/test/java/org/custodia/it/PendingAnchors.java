package org.custodia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;

import org.web3j.protocol.core.methods.response.Transaction;

/**
 * Records uploaded at the node while the chain node is down, so that their anchors wait in the outbox, and the
 * check that each was then anchored by exactly one transaction of the node's account.
 */
final class PendingAnchors {

    private final StaffClient physician;
    private final String nodeAccount;
    private final long firstBlock;
    private final List<String> recordIds = new ArrayList<>();

    private PendingAnchors(StaffClient physician, String nodeAccount, long firstBlock) {
        this.physician = physician;
        this.nodeAccount = nodeAccount;
        this.firstBlock = firstBlock;
    }

    /** Stops the chain node and uploads {@code count} records; the chain node stays stopped. */
    static PendingAnchors uploadWhileTheChainIsDown(StaffClient physician, String patient, int count) {
        long firstBlock;
        try (ChainScan scan = new ChainScan()) {
            firstBlock = scan.latestBlock() + 1;
        }
        PendingAnchors pending = new PendingAnchors(physician, nodeAccount(), firstBlock);
        LocalChain.node().stop();
        for (int i = 0; i < count; i++) {
            String id = RecordsApi.uploadText(physician, patient, "imaging", "Scan " + i, "report " + i);
            JsonObject record = StaffClient.object(physician.get("/records/" + id));
            assertEquals("pending", record.getString("anchorStatus"), "waiting in the outbox: " + record);
            pending.recordIds.add(id);
        }
        return pending;
    }

    /** Every record becomes anchored, each by exactly one transaction of the node's account. */
    void assertEachSentOnce() {
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

    /** The account the node signs with, as its chain-node readiness check reports it to administrators. */
    private static String nodeAccount() {
        HttpResponse<String> health = StaffClient.admin().get("/health");
        assertEquals(200, health.statusCode(), health.body());
        return HealthReport.details(health.body()).get("chain-node").getJsonObject("details").getString("account");
    }
}
