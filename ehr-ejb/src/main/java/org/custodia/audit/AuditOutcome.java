package org.custodia.audit;

/** Whether the audited action was carried out. */
public enum AuditOutcome {
    SUCCEEDED,
    REFUSED,
    FAILED
}
