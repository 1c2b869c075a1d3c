package org.custodia.records;

import java.time.Instant;
import java.util.UUID;

/**
 * What a hospital knows of a shared record before it receives the envelope: from the chain (id, custodian,
 * category, media type, anchored hash and time), from its own patient registry (the patient), and from the proxy
 * (the access basis and the access-log transaction).
 *
 * @param recordId             64 hex digits
 * @param custodian            the custodian's ledger address
 * @param basis                {@code grant} or {@code emergency}
 * @param accessLogTransaction the transaction of the proxy's {@code logAccess}
 */
public record ReceivedRecord(String recordId, UUID patientId, RecordMetadata metadata, byte[] anchoredSha256,
        Instant anchoredAt, String custodian, String basis, long basisId, String accessLogTransaction,
        String retrievedBy) {

    /** What the retrieval's audit entry says of it: from whom, on which basis, where the access was logged. */
    public String describe() {
        return "from " + custodian + ", basis " + basis + " " + basisId + ", access logged in "
                + accessLogTransaction;
    }
}
