package org.custodia.web.dto;

import java.util.Locale;

import org.custodia.consortium.ConsortiumRecord;
import org.custodia.consortium.ReadAccess;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A record anchored on chain for a patient by a hospital of the consortium, and whether this node may read it. */
@Schema(name = "ConsortiumRecord")
public class ConsortiumRecordView {

    @Schema(description = "Record id (64 hex digits), as anchored on chain")
    public String id;
    @Schema(description = "Ledger address of the custodian hospital")
    public String custodian;
    @Schema(description = "The custodian's display name; absent when it is no longer a member")
    public String custodianName;
    @Schema(example = "laboratory")
    public String category;
    @Schema(example = "application/pdf")
    public String contentType;
    @Schema(description = "ISO-8601 instant")
    public String anchoredAt;
    @Schema(description = "Whether this node may read the record now")
    public boolean readable;
    @Schema(description = "What allows it, when readable", enumeration = {"custodian", "grant", "emergency"})
    public String basis;
    @Schema(description = "Id of the grant or emergency declaration that allows it")
    public Long basisId;
    @Schema(description = "When that grant or emergency access expires (ISO-8601 instant)")
    public String expiresAt;
    @Schema(description = "Why not, when not readable", enumeration = {"no grant", "grant revoked", "grant expired"})
    public String reason;
    @Schema(description = "Whether this node already keeps a copy received from the custodian")
    public boolean received;

    public static ConsortiumRecordView of(ConsortiumRecord record) {
        ConsortiumRecordView view = new ConsortiumRecordView();
        view.id = record.recordId();
        view.custodian = record.custodian().toString();
        view.custodianName = record.custodianName();
        view.category = record.category();
        view.contentType = record.contentType();
        view.anchoredAt = record.anchoredAt().toString();
        ReadAccess access = record.access();
        view.readable = access.readable();
        view.basis = access.basis() == null ? null : access.basis().name().toLowerCase(Locale.ROOT);
        view.basisId = access.basisId();
        view.expiresAt = access.expiresAt() == null ? null : access.expiresAt().toString();
        view.reason = access.refusal();
        view.received = record.received();
        return view;
    }
}
