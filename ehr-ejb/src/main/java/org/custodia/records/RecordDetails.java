package org.custodia.records;

import java.time.Instant;
import java.util.UUID;

/**
 * A record's metadata and the state of its anchor, as staff and integration clients see it.
 *
 * @param size              plaintext size in bytes
 * @param envelopeSha256    SHA-256 of the encrypted envelope in hex (what the chain anchors)
 * @param anchorTransaction {@code 0x}-prefixed hash of the anchoring transaction, when known
 * @param received          where the record came from, when another hospital shared it; null for this node's own
 */
public record RecordDetails(String id, UUID patientId, String category, String title, String contentType,
        long size, String envelopeSha256, AnchorStatus anchorStatus, String anchorTransaction, Long anchorBlock,
        Instant anchoredAt, Instant createdAt, String createdBy, Received received) {

    /**
     * Where a record another hospital shared came from.
     *
     * @param custodian            the custodian's ledger address
     * @param basis                {@code grant} or {@code emergency}
     * @param accessLogTransaction the chain transaction that logged the access
     */
    public record Received(String custodian, String basis, long basisId, String accessLogTransaction) {
    }

    static RecordDetails of(HealthRecord record) {
        return new RecordDetails(record.id(), record.patientId(), record.category(), record.title(),
                record.contentType(), record.size(), record.envelopeHashHex(), record.anchorStatus(),
                record.anchorTransaction(), record.anchorBlock(), record.anchoredAt(), record.createdAt(),
                record.createdBy(), record.isReceived() ? new Received(record.receivedFrom(), record.accessBasis(),
                        record.accessBasisId(), record.accessLogTransaction()) : null);
    }
}
