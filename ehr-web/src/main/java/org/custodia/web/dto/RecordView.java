package org.custodia.web.dto;

import java.util.Locale;

import org.custodia.records.RecordDetails;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A health record's metadata and the state of its anchor on chain. */
@Schema(name = "Record")
public class RecordView {

    @Schema(description = "Record id (64 hex digits), as anchored on chain")
    public String id;
    public String patientId;
    @Schema(example = "laboratory")
    public String category;
    public String title;
    @Schema(example = "application/pdf")
    public String contentType;
    @Schema(description = "Plaintext size in bytes")
    public long size;
    @Schema(description = "SHA-256 of the encrypted envelope (hex), the hash anchored on chain")
    public String envelopeSha256;
    @Schema(description = "pending (waiting in the anchor outbox) or anchored", enumeration = {"pending", "anchored"})
    public String anchorStatus;
    @Schema(description = "Anchoring transaction (0x-prefixed), when known")
    public String anchorTransaction;
    public Long anchorBlock;
    @Schema(description = "ISO-8601 instant")
    public String anchoredAt;
    @Schema(description = "ISO-8601 instant")
    public String createdAt;
    public String createdBy;
    @Schema(description = "Whether another hospital shared this record (then see custodian, accessBasis, "
            + "accessBasisId and accessLogTransaction)")
    public boolean received;
    @Schema(description = "Ledger address of the hospital that keeps the original, for a received record")
    public String custodian;
    @Schema(description = "What allowed the retrieval, for a received record", enumeration = {"grant", "emergency"})
    public String accessBasis;
    @Schema(description = "Id of the grant or emergency access that allowed the retrieval")
    public Long accessBasisId;
    @Schema(description = "Chain transaction (0x-prefixed) that logged the proxy's re-encryption")
    public String accessLogTransaction;

    public static RecordView of(RecordDetails record) {
        RecordView view = new RecordView();
        view.id = record.id();
        view.patientId = record.patientId().toString();
        view.category = record.category();
        view.title = record.title();
        view.contentType = record.contentType();
        view.size = record.size();
        view.envelopeSha256 = record.envelopeSha256();
        if (record.received() != null) {
            view.received = true;
            view.custodian = record.received().custodian();
            view.accessBasis = record.received().basis();
            view.accessBasisId = record.received().basisId();
            view.accessLogTransaction = record.received().accessLogTransaction();
        }
        view.anchorStatus = record.anchorStatus().name().toLowerCase(Locale.ROOT);
        view.anchorTransaction = record.anchorTransaction();
        view.anchorBlock = record.anchorBlock();
        view.anchoredAt = record.anchoredAt() == null ? null : record.anchoredAt().toString();
        view.createdAt = record.createdAt().toString();
        view.createdBy = record.createdBy();
        return view;
    }
}
