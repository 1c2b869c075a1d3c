package org.custodia.records;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A health record kept by this hospital: its metadata, where its encrypted envelope is in the file store, the
 * envelope's SHA-256 and the state of its anchor on chain. The record id is the 32-byte id anchored on chain
 * (64 hex digits here). Title and content stay on the node; the chain sees only id, pseudonym, hash, category
 * and content type.
 */
@Entity
@Table(name = "health_record")
public class HealthRecord {

    @Id
    @Column(length = 64)
    private String id;

    @Column(name = "patient_id", nullable = false)
    private UUID patientId;

    @Column(nullable = false, length = 32)
    private String category;

    @Column(nullable = false, length = 200)
    private String title;

    @Column(name = "content_type", nullable = false, length = 128)
    private String contentType;

    @Column(name = "size_bytes", nullable = false)
    private long size;

    @Column(name = "envelope_hash", nullable = false, length = 64)
    private String envelopeHash;

    @Column(name = "envelope_size", nullable = false)
    private long envelopeSize;

    @Column(name = "storage_key", nullable = false, length = 128)
    private String storageKey;

    @Enumerated(EnumType.STRING)
    @Column(name = "anchor_status", nullable = false, length = 16)
    private AnchorStatus anchorStatus;

    @Column(name = "anchor_transaction", length = 66)
    private String anchorTransaction;

    @Column(name = "anchor_block")
    private Long anchorBlock;

    @Column(name = "anchored_at")
    private Instant anchoredAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false, length = 64)
    private String createdBy;

    @Column(name = "received_from", length = 42)
    private String receivedFrom;

    @Column(name = "anchored_hash", length = 64)
    private String anchoredHash;

    @Column(name = "access_basis", length = 16)
    private String accessBasis;

    @Column(name = "access_basis_id")
    private Long accessBasisId;

    @Column(name = "access_log_transaction", length = 66)
    private String accessLogTransaction;

    protected HealthRecord() {
        // for JPA
    }

    HealthRecord(byte[] id, UUID patientId, RecordMetadata metadata, long size, byte[] envelopeHash,
            long envelopeSize, String storageKey, Instant createdAt, String createdBy) {
        this.id = HexFormat.of().formatHex(id);
        this.patientId = patientId;
        this.category = metadata.category();
        this.title = metadata.title();
        this.contentType = metadata.contentType();
        this.size = size;
        this.envelopeHash = HexFormat.of().formatHex(envelopeHash);
        this.envelopeSize = envelopeSize;
        this.storageKey = storageKey;
        this.anchorStatus = AnchorStatus.PENDING;
        this.createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
        this.createdBy = createdBy;
    }

    /** A record another hospital shared: its envelope as re-encrypted for this hospital, anchored by its custodian. */
    static HealthRecord received(ReceivedRecord received, long size, byte[] envelopeHash, long envelopeSize,
            String storageKey, Instant now) {
        HealthRecord record = new HealthRecord(HexFormat.of().parseHex(received.recordId()), received.patientId(),
                received.metadata(), size, envelopeHash, envelopeSize, storageKey, now, received.retrievedBy());
        record.anchorStatus = AnchorStatus.ANCHORED;
        record.anchoredAt = received.anchoredAt().truncatedTo(ChronoUnit.MICROS);
        record.receivedFrom = received.custodian();
        record.anchoredHash = HexFormat.of().formatHex(received.anchoredSha256());
        record.accessBasis = received.basis();
        record.accessBasisId = received.basisId();
        record.accessLogTransaction = received.accessLogTransaction();
        return record;
    }

    /** Whether another hospital shared this record (its custodian), rather than this hospital keeping it. */
    public boolean isReceived() {
        return receivedFrom != null;
    }

    /** The custodian's ledger address, for a received record. */
    public String receivedFrom() {
        return receivedFrom;
    }

    /** The envelope hash its custodian anchored (of the envelope before re-encryption), for a received record. */
    public byte[] anchoredHash() {
        return anchoredHash == null ? null : HexFormat.of().parseHex(anchoredHash);
    }

    /** {@code grant} or {@code emergency}, for a received record. */
    public String accessBasis() {
        return accessBasis;
    }

    public Long accessBasisId() {
        return accessBasisId;
    }

    /** The chain transaction that logged the proxy's re-encryption, for a received record. */
    public String accessLogTransaction() {
        return accessLogTransaction;
    }

    /** @param transactionHash and {@code block} may be null when the anchor was confirmed on chain without them */
    void markAnchored(String transactionHash, Long block, Instant at) {
        this.anchorStatus = AnchorStatus.ANCHORED;
        this.anchorTransaction = transactionHash;
        this.anchorBlock = block;
        this.anchoredAt = at.truncatedTo(ChronoUnit.MICROS);
    }

    /** 64 lowercase hex digits. */
    public String id() {
        return id;
    }

    public byte[] idBytes() {
        return HexFormat.of().parseHex(id);
    }

    public UUID patientId() {
        return patientId;
    }

    public String category() {
        return category;
    }

    public String title() {
        return title;
    }

    public String contentType() {
        return contentType;
    }

    /** Plaintext size in bytes. */
    public long size() {
        return size;
    }

    public byte[] envelopeHash() {
        return HexFormat.of().parseHex(envelopeHash);
    }

    public String envelopeHashHex() {
        return envelopeHash;
    }

    public long envelopeSize() {
        return envelopeSize;
    }

    public String storageKey() {
        return storageKey;
    }

    public AnchorStatus anchorStatus() {
        return anchorStatus;
    }

    /** {@code 0x}-prefixed transaction hash, or {@code null} while pending. */
    public String anchorTransaction() {
        return anchorTransaction;
    }

    public Long anchorBlock() {
        return anchorBlock;
    }

    public Instant anchoredAt() {
        return anchoredAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    @Override
    public String toString() {
        return "HealthRecord[" + id + ", " + anchorStatus + "]";
    }
}
