package org.custodia.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.Transaction;

/**
 * Nothing that identifies a patient reaches the chain: after registering patients and anchoring their records,
 * no transaction input and no contract event anywhere on the chain contains a patient's MRN, names or national
 * id, nor a record's title or content, in any letter case.
 */
abstract class NoPatientDataOnChainScenarios {


    @Test
    void transactionsAndEventsCarryNoPatientData() {
        StaffClient admin = StaffClient.admin();
        StaffClient physician = admin.createAccount("physician");
        String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String mrn = "MRN" + unique;
        String familyName = "Quimbleworth" + unique;
        String givenName = "Ottoline" + unique;
        String nationalId = "NID" + unique;
        String title = "Biopsy of " + familyName;
        String content = "Histology for " + givenName + " " + familyName + ", national id " + nationalId;

        String patient = RecordsApi.registerPatient(admin.createAccount("clerk"), mrn, familyName, givenName,
                nationalId);
        String first = RecordsApi.uploadText(physician, patient, "pathology", title, content);
        String second = RecordsApi.uploadText(physician, patient, "laboratory", "Follow-up " + mrn, content);
        RecordsApi.awaitAnchored(physician, first);
        RecordsApi.awaitAnchored(physician, second);

        List<String> patientData = List.of(mrn, familyName, givenName, nationalId, title, unique);
        try (ChainScan chain = new ChainScan()) {
            List<Transaction> transactions = chain.transactionsSince(0);
            List<Log> events = chain.allEvents();
            assertTrue(transactions.stream().anyMatch(t -> contains(ChainScan.input(t), first)),
                    "the scan sees the record's anchor transaction");
            assertTrue(events.stream().anyMatch(e -> contains(ChainScan.content(e), first)),
                    "the scan sees the record's anchor event");
            for (String data : patientData) {
                for (Transaction transaction : transactions) {
                    assertFalse(containsText(ChainScan.input(transaction), data),
                            "transaction " + transaction.getHash() + " carries '" + data + "'");
                }
                for (Log event : events) {
                    assertFalse(containsText(ChainScan.content(event), data),
                            "event in transaction " + event.getTransactionHash() + " carries '" + data + "'");
                }
            }
        }
    }

    /** Whether {@code bytes} hold {@code text} as UTF-8 in its own, upper or lower case. */
    private static boolean containsText(byte[] bytes, String text) {
        return ChainScan.contains(bytes, text.getBytes(StandardCharsets.UTF_8))
                || ChainScan.contains(bytes, text.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8))
                || ChainScan.contains(bytes, text.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }

    private static boolean contains(byte[] bytes, String recordIdHex) {
        return ChainScan.contains(bytes, java.util.HexFormat.of().parseHex(recordIdHex));
    }

}
