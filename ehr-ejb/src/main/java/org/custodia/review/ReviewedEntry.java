package org.custodia.review;

import org.custodia.audit.AuditRecord;

/**
 * An audit entry with what the chain shows of the same act.
 *
 * @param evidence null when the act leaves nothing on chain (a read, a refusal, a local change)
 */
public record ReviewedEntry(AuditRecord entry, ChainEvidence evidence) {
}
