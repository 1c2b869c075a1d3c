package org.custodia.access;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import org.custodia.audit.AuditRecord;
import org.custodia.audit.AuditTrail;
import org.custodia.audit.AuditedAction;

/** The audit trail as privacy officers review it; each review is itself audited. */
@Stateless
public class AuditReview {

    @EJB
    private AuditTrail trail;

    /** The newest entries first, at most {@code limit} (capped at 500). */
    @Audited(AuditedAction.AUDIT_REVIEW)
    public List<AuditRecord> latest(int limit) {
        List<AuditRecord> entries = trail.latest(limit);
        AuditedCall.current().detail(entries.size() + " entries");
        return entries;
    }
}
