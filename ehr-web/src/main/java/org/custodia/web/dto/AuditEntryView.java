package org.custodia.web.dto;

import java.util.Locale;

import org.custodia.audit.AuditRecord;
import org.custodia.review.ReviewedEntry;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One line of the node's audit trail. */
@Schema(name = "AuditEntry")
public class AuditEntryView {

    public String id;
    @Schema(description = "ISO-8601 instant")
    public String occurredAt;
    @Schema(description = "Username of the staff member (or system)")
    public String actor;
    @Schema(example = "record.download")
    public String action;
    @Schema(description = "What was acted on: a record id, patient id, pseudonym or request path; never PHI")
    public String subject;
    @Schema(enumeration = {"succeeded", "refused", "failed", "unknown"}, description = "unknown: a consent change "
            + "whose transaction the chain node did not confirm in time, or whose node stopped before its entry was "
            + "written; the chain shows whether it took effect")
    public String outcome;
    public String detail;
    @Schema(description = "What the chain shows of the same act; absent when the act leaves nothing on chain")
    public ChainEvidenceView chainEvidence;

    public static AuditEntryView of(ReviewedEntry reviewed) {
        AuditEntryView view = of(reviewed.entry());
        view.chainEvidence = reviewed.evidence() == null ? null : ChainEvidenceView.of(reviewed.evidence());
        return view;
    }

    public static AuditEntryView of(AuditRecord entry) {
        AuditEntryView view = new AuditEntryView();
        view.id = entry.id().toString();
        view.occurredAt = entry.occurredAt().toString();
        view.actor = entry.actor();
        view.action = entry.action();
        view.subject = entry.subject();
        view.outcome = entry.outcome().name().toLowerCase(Locale.ROOT);
        view.detail = entry.detail();
        return view;
    }
}
