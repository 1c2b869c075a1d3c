package org.custodia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;

import org.custodia.ledger.testing.AnvilNode;
import org.junit.jupiter.api.Test;

/**
 * What must survive an orderly server restart, checked across one restart: anchors waiting in the outbox when the
 * server stops are sent after it starts, each exactly once, although anchor attempts are usually still under way
 * (the connector retrying the absent chain node) while the server stops; and contract events emitted while the
 * server was down are delivered to the message-driven bean from its checkpoint, each exactly once, none missing.
 * And the connector's memory of anchors does not outlive the server: a record anchored before the restart and not
 * read since is refused with 503 while the chain node is down, never served unchecked, and served once it is back.
 *
 * <p>{@code -Dit.restarts=N} repeats the scenario N times in one run (default once), to show it holds whatever the
 * timing of the stop.
 */
abstract class ServerRestartScenarios {

    private static final int PENDING_RECORDS = 3;

    @Test
    void pendingAnchorsAndChainEventsSurviveAServerRestart() {
        int restarts = Integer.getInteger("it.restarts", 1);
        for (int restart = 1; restart <= restarts; restart++) {
            oneRestart();
        }
    }

    private void oneRestart() {
        StaffClient admin = StaffClient.admin();
        StaffClient physician = admin.createAccount("physician");
        StaffClient privacyOfficer = admin.createAccount("privacy-officer");
        String patient = RecordsApi.registerPatient(admin);
        String anchoredBefore = RecordsApi.uploadText(physician, patient, "laboratory", "Anchored before", "6.3 mmol/L");
        RecordsApi.awaitAnchored(physician, anchoredBefore);
        AnvilNode chain = LocalChain.node();
        try (ClinicAnchors clinic = ClinicAnchors.connect()) {
            clinic.anchor(3);
            clinic.awaitJournaled(privacyOfficer);
            for (String limit : List.of("0", "501", "many")) {
                HttpResponse<String> refused = privacyOfficer.get("/chain-events?limit=" + limit);
                assertEquals(400, refused.statusCode(), "limit=" + limit + " (before: brought into 1-500, or 404): "
                        + refused.body());
            }

            PendingAnchors pending;
            try {
                pending = PendingAnchors.uploadWhileTheChainIsDown(physician, patient, PENDING_RECORDS);
                TestServer.restart(() -> {
                    chain.restart();
                    clinic.anchor(3);
                });
            } finally {
                if (!chain.isRunning()) {
                    chain.restart();
                }
            }
            clinic.anchor(2);

            pending.assertEachSentOnce();
            clinic.assertEachDeliveredOnce(privacyOfficer);
        }

        chain.stop();
        try {
            HttpResponse<String> refused = physician.get("/records/" + anchoredBefore + "/content");
            assertEquals(503, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains(anchoredBefore), "the problem names the record: " + refused.body());
        } finally {
            chain.restart();
        }
        assertEquals("6.3 mmol/L", RecordsApi.downloadText(physician, anchoredBefore),
                "served once the chain confirms it");
    }
}
