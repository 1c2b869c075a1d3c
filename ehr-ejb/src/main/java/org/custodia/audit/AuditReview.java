package org.custodia.audit;

import java.util.List;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;

import org.custodia.staff.StaffRole;

/** The audit trail as privacy officers review it; each review is itself audited. */
@Stateless
@RolesAllowed(StaffRole.Names.PRIVACY_OFFICER)
public class AuditReview {

    @EJB
    private AuditTrail trail;

    @Resource
    private SessionContext session;

    /** The newest entries first, at most {@code limit} (capped at 500). */
    public List<AuditEntry> latest(int limit) {
        List<AuditEntry> entries = trail.latest(limit);
        trail.record(session.getCallerPrincipal().getName(), "audit.review", null, AuditOutcome.SUCCEEDED,
                entries.size() + " entries");
        return entries;
    }
}
