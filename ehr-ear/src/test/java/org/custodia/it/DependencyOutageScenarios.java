package org.custodia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.custodia.ledger.testing.AnvilNode;
import org.web3j.crypto.Credentials;
import org.junit.jupiter.api.Test;

/**
 * A dependency that goes missing shows as a DOWN readiness check (its reason for administrators only), and the node
 * recovers on its own when the dependency is back; the application stays deployed and answering throughout. A node
 * call whose caller cannot be checked meanwhile is answered 503 with a log reference, nothing about the dependency.
 */
abstract class DependencyOutageScenarios {

    /** anvil's development account 9: not registered in the consortium */
    private static final int OUTSIDER_ACCOUNT = 9;


    @Test
    void chainNodeDownIsReportedWithItsUrlAndRecovers() {
        AnvilNode chain = LocalChain.node();
        chain.stop();
        try {
            HttpResponse<String> down = TestNode.get("/health/ready");
            assertEquals(503, down.statusCode(), down.body());
            HealthReport report = HealthReport.parse(down.body());
            assertEquals("DOWN", report.statuses().get("chain-node"));
            assertEquals("UP", report.statuses().get("database"), "other checks are unaffected");
            assertFalse(report.carriesData(), "the public answer gives no reason: " + down.body());
            String reason = HealthReport.reason("chain-node");
            assertTrue(reason.contains("127.0.0.1:" + TestNode.chainPort()), reason);
            assertEquals(200, TestNode.get("/custodia/api/node").statusCode(), "the node still answers");
            HttpResponse<String> call = MemberCalls.send(Credentials.create(chain.devAccountKey(OUTSIDER_ACCOUNT)),
                    "GET", TestNode.baseUrl() + "/custodia/node-api/v1/ping", new byte[0]);
            assertEquals(503, call.statusCode(), call.body());
            assertEquals("urn:custodia:problem:unavailable", StaffClient.object(call).getString("type"));
            assertFalse(call.body().contains("127.0.0.1:" + TestNode.chainPort()),
                    "a caller not yet known learns nothing of the chain node: " + call.body());
        } finally {
            chain.restart();
        }
        HttpResponse<String> up = TestNode.get("/health/ready");
        assertEquals(200, up.statusCode(), up.body());
    }

    @Test
    void fileStoreThatIsNotADirectoryIsReported() throws IOException {
        Path store = TestNode.dataDirectory().resolve("filestore");
        Path aside = store.resolveSibling("filestore.aside");
        Files.createDirectories(store);
        Files.move(store, aside);
        Files.writeString(store, "not a directory");
        try {
            HttpResponse<String> down = TestNode.get("/health/ready");
            assertEquals(503, down.statusCode(), down.body());
            HealthReport report = HealthReport.parse(down.body());
            assertEquals("DOWN", report.statuses().get("file-store"));
            assertTrue(HealthReport.reason("file-store").contains("is not a directory"),
                    HealthReport.reason("file-store"));
        } finally {
            Files.delete(store);
            Files.move(aside, store);
        }
        assertEquals(200, TestNode.get("/health/ready").statusCode());
    }
}
