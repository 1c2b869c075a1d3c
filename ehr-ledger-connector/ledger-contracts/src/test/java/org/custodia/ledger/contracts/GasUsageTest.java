package org.custodia.ledger.contracts;

import static org.custodia.ledger.contracts.ConsentScenario.A_LAB;
import static org.custodia.ledger.contracts.ConsentScenario.LAB;
import static org.custodia.ledger.contracts.ConsentScenario.PATIENT;
import static org.custodia.ledger.contracts.ConsentScenario.SCOPE_ALL;
import static org.custodia.ledger.contracts.ConsentScenario.SCOPE_RECORD;
import static org.custodia.ledger.contracts.ConsentScenario.TREATMENT;
import static org.custodia.ledger.contracts.Ids.ZERO;
import static org.custodia.ledger.contracts.Ids.id;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.custodia.ledger.contracts.generated.RecordRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Gas used by each state-changing function stays within a ceiling about 20 % above what it uses today: gas is
 * deterministic, so a ceiling catches an accidental unbounded loop or storage blow-up. Prints what each used; the
 * measured figures are in ehr-ledger-connector/README.md (section Gas).
 */
class GasUsageTest {

    @RegisterExtension
    static final ConsentScenario chain = new ConsentScenario();

    @Test
    void everyFunctionStaysWithinItsGasCeiling() throws Exception {
        Map<String, Long> ceilings = new LinkedHashMap<>();
        Map<String, TransactionReceipt> receipts = new LinkedHashMap<>();
        BigInteger expiry = chain.inFuture(Duration.ofDays(1));
        receipts.put("addMember", chain.admin.consortium().addMember(chain.stranger.address(), BigInteger.ONE,
                "Regional Hospital", "https://regional.test", new byte[144]).send());
        receipts.put("updateOwnProfile",
                chain.stranger.consortium().updateOwnProfile("https://new.test", new byte[144]).send());
        receipts.put("anchor", chain.a.records().anchor(id("gas"), PATIENT, id("e"), LAB, "application/pdf",
                ZERO).send());
        List<RecordRegistry.NewAnchor> batch = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            batch.add(new RecordRegistry.NewAnchor(id("batch-" + i), id("batch-patient"), id("e"), LAB,
                    "application/pdf", ZERO));
        }
        receipts.put("anchorBatch", chain.a.records().anchorBatch(batch).send());
        receipts.put("grant", chain.a.consent().grant(PATIENT, chain.b.address(), SCOPE_RECORD, A_LAB, ZERO,
                TREATMENT, expiry).send());
        receipts.put("revoke", chain.a.consent().revoke(BigInteger.ONE).send());
        receipts.put("requestAccess", chain.c.consent().requestAccess(PATIENT, chain.a.address(), SCOPE_ALL,
                ZERO, ZERO, TREATMENT).send());
        receipts.put("approveRequest", chain.a.consent().approveRequest(BigInteger.ONE, expiry).send());
        receipts.put("emergencyAccess", chain.b.consent().emergencyAccess(PATIENT, BigInteger.ONE).send());
        receipts.put("markReviewed", chain.a.consent().markReviewed(BigInteger.ONE).send());
        receipts.put("logAccess", chain.proxy.consent().logAccess(A_LAB, chain.c.address()).send());
        receipts.put("removeMember", chain.admin.consortium().removeMember(chain.stranger.address()).send());
        ceilings.put("addMember", 250_000L);
        ceilings.put("updateOwnProfile", 70_000L);
        ceilings.put("anchor", 240_000L);
        ceilings.put("anchorBatch", 6_800_000L);
        ceilings.put("grant", 370_000L);
        ceilings.put("revoke", 45_000L);
        ceilings.put("requestAccess", 270_000L);
        ceilings.put("approveRequest", 355_000L);
        ceilings.put("emergencyAccess", 235_000L);
        ceilings.put("markReviewed", 75_000L);
        ceilings.put("logAccess", 110_000L);
        ceilings.put("removeMember", 76_000L);
        StringBuilder measured = new StringBuilder();
        receipts.forEach((function, receipt) -> measured.append(function).append('=')
                .append(receipt.getGasUsed()).append(' '));
        System.out.println("gas used: " + measured.toString().strip());
        receipts.forEach((function, receipt) -> assertTrue(
                receipt.getGasUsed().longValueExact() <= ceilings.get(function),
                function + " used " + receipt.getGasUsed() + " gas; all: " + measured));
    }
}
