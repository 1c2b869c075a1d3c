package org.custodia.web.dto;

import org.custodia.audit.AuditChainReport;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a check of the audit trail's hash chain, and of the chain against the heads anchored on chain, found. */
@Schema(name = "AuditChain")
public class AuditChainView {

    @Schema(description = "Whether every sealed entry is in its place, linked and unchanged, and the entries up to "
            + "the newest anchored head have the hashes anchored on chain")
    public boolean intact;
    @Schema(description = "Sealed entries checked")
    public long checked;
    @Schema(description = "Sequence of the newest sealed entry")
    public long head;
    @Schema(description = "The first place the chain does not hold; absent when intact")
    public Long brokenAt;
    @Schema(description = "What is wrong there; absent when intact")
    public String problem;
    @Schema(description = "Entries written in the last seconds, not sealed yet")
    public long unsealed;
    @Schema(description = "Sequence of the newest head anchored on chain; absent while none is. Entries after it are "
            + "protected by the hash chain only")
    public Long anchored;
    @Schema(description = "Block that anchored it; absent while none did")
    public Long anchoredBlock;
    @Schema(description = "ISO-8601 instant of that block; absent while none")
    public String anchoredAt;
    @Schema(description = "Why the heads anchored on chain could not be read, so that only the hash chain was "
            + "checked; absent when they were")
    public String anchorsUnread;

    public static AuditChainView of(AuditChainReport report) {
        AuditChainView view = new AuditChainView();
        view.intact = report.intact();
        view.checked = report.checked();
        view.head = report.head();
        view.brokenAt = report.intact() ? null : report.brokenAt();
        view.problem = report.problem();
        view.unsealed = report.unsealed();
        view.anchorsUnread = report.anchorsUnread();
        if (report.anchored() > 0) {
            view.anchored = report.anchored();
            view.anchoredBlock = report.anchoredBlock();
            view.anchoredAt = report.anchoredAt().toString();
        }
        return view;
    }
}
