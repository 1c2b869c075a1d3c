package org.custodia.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of the audit trail as services hand it out.
 *
 * @param action the action's code ({@link AuditedAction#code()}), as stored
 */
public record AuditRecord(UUID id, Instant occurredAt, String actor, String action, String subject,
                          AuditOutcome outcome, String detail) {
}
