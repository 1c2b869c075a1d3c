package org.custodia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.custodia.ledger.api.Category;
import org.custodia.ledger.contracts.generated.RecordRegistry;
import org.custodia.ledger.deploy.ChainClient;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Records anchored by another member (the development clinic) straight on chain, and the check that the node's
 * message-driven bean journaled each of their events exactly once, at its own block and log index.
 */
final class ClinicAnchors implements AutoCloseable {

    /** anvil's development account 2: the development clinic, a registered hospital on the test chain */
    private static final int CLINIC_ACCOUNT = 2;
    /** The development clinic's ledger address (dev-consortium.properties), as the node writes addresses. */
    static final String ADDRESS = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);

    private final SecureRandom random = new SecureRandom();
    private final Map<String, TransactionReceipt> anchored = new LinkedHashMap<>();
    private final ChainClient chain;
    private final RecordRegistry records;

    private ClinicAnchors(ChainClient chain) {
        this.chain = chain;
        this.records = RecordRegistry.load(TestNode.contracts().recordRegistry(), chain.web3j(),
                chain.transactionManager(Credentials.create(LocalChain.node().devAccountKey(CLINIC_ACCOUNT))),
                chain.gasProvider());
    }

    static ClinicAnchors connect() {
        try {
            return new ClinicAnchors(ChainClient.connect(LocalChain.node().rpcUrl()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot reach the test chain", e);
        }
    }

    /** Anchors {@code count} new records from the clinic's account (the chain node must be up). */
    void anchor(int count) {
        for (int i = 0; i < count; i++) {
            try {
                Map.Entry<String, TransactionReceipt> one = anchorOne(randomBytes32());
                anchored.put(one.getKey(), one.getValue());
            } catch (Exception e) {
                throw new IllegalStateException("anchoring a test record failed", e);
            }
        }
    }

    /** Waits until every anchored record's event is journaled. */
    void awaitJournaled(StaffClient privacyOfficer) {
        awaitJournaled(privacyOfficer, anchored.keySet());
    }

    /** Every anchored record's event is journaled once, at its block and log index. */
    void assertEachDeliveredOnce(StaffClient privacyOfficer) {
        Map<String, JsonObject> journaled = awaitJournaled(privacyOfficer, anchored.keySet());
        for (Map.Entry<String, TransactionReceipt> entry : anchored.entrySet()) {
            JsonObject event = journaled.get(entry.getKey());
            TransactionReceipt receipt = entry.getValue();
            assertEquals(receipt.getBlockNumber().longValueExact(), event.getJsonNumber("blockNumber").longValue(),
                    "journaled at the anchor's block");
            assertEquals(receipt.getLogs().get(0).getLogIndex().intValueExact(), event.getInt("logIndex"));
            assertEquals(receipt.getTransactionHash(), event.getString("transactionHash"));
            assertEquals("RecordAnchored", event.getString("name"));
            assertEquals(1, event.getInt("deliveries"), "delivered once: " + event);
        }
    }

    @Override
    public void close() {
        chain.close();
    }

    /**
     * Anchors one record from the clinic's account for the patient of the anchored record {@code recordId} (64 hex
     * digits, with or without {@code 0x}), which makes the clinic a custodian of that patient: another hospital may
     * then ask it for access.
     */
    void anchorForPatientOf(String recordId) {
        String hex = recordId.startsWith("0x") ? recordId.substring(2) : recordId;
        try {
            byte[] pseudonym = records.getRecord(HexFormat.of().parseHex(hex)).send().patientPseudonym;
            anchorOne(pseudonym);
        } catch (Exception e) {
            throw new IllegalStateException("anchoring a test record for the patient of " + recordId + " failed", e);
        }
    }

    /** Anchors a new record of the patient {@code pseudonym}; returns its id (0x and 64 hex digits) and receipt. */
    private Map.Entry<String, TransactionReceipt> anchorOne(byte[] pseudonym) throws Exception {
        byte[] recordId = randomBytes32();
        TransactionReceipt receipt = records.anchor(recordId, pseudonym, randomBytes32(),
                new Category("laboratory").toBytes32().toBytes(), "application/pdf", new byte[32]).send();
        assertEquals(BigInteger.ONE, new BigInteger(receipt.getStatus().substring(2), 16), "anchor mined");
        return Map.entry("0x" + HexFormat.of().formatHex(recordId), receipt);
    }

    /** Waits until every record id appears in the journal as a RecordAnchored subject; returns those events. */
    private static Map<String, JsonObject> awaitJournaled(StaffClient privacyOfficer,
            Set<String> recordIds) {
        return Eventually.within(DELIVERY_TIMEOUT, Duration.ofMillis(250), "the anchors of " + recordIds
                + " delivered to the journal").until(() -> journaledAnchors(privacyOfficer).stream()
                        .filter(event -> recordIds.contains(event.getString("subject")))
                        .collect(Collectors.toMap(event -> event.getString("subject"), event -> event)),
                found -> found.size() == recordIds.size());
    }

    private static List<JsonObject> journaledAnchors(StaffClient privacyOfficer) {
        HttpResponse<String> response = privacyOfficer.get("/chain-events?limit=500");
        assertEquals(200, response.statusCode(), response.body());
        return Json.createReader(new StringReader(response.body())).readArray().stream()
                .map(JsonObject.class::cast)
                .filter(event -> "RecordAnchored".equals(event.getString("name")))
                .toList();
    }

    private byte[] randomBytes32() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return bytes;
    }
}
