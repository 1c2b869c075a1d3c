package org.custodia.review;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditRecord;
import org.custodia.audit.AuditedAction;

/**
 * Which contract event an audited act leaves on chain when it succeeded (or may have: its outcome unknown), under
 * which subject (as the chain event journal describes events), and whether the event names this node as the one who
 * caused it.
 *
 * @param event             the event's name
 * @param chainSubject      the journal's subject for the entry's subject
 * @param causedByThisNode  whether the event's actor must be this node's account for the entry to match
 */
record EvidenceRule(String event, UnaryOperator<String> chainSubject, boolean causedByThisNode) {

    private static final Map<String, EvidenceRule> BY_ACTION = Map.of(
            AuditedAction.RECORD_UPLOAD.code(), new EvidenceRule("RecordAnchored", EvidenceRule::record, true),
            AuditedAction.SHARED_RECORD_RETRIEVE.code(),
            new EvidenceRule("AccessLogged", EvidenceRule::record, false),
            AuditedAction.SHARED_RECORD_ACCESS_LOGGED.code(),
            new EvidenceRule("AccessLogged", EvidenceRule::record, false),
            AuditedAction.PROXY_RE_ENCRYPTION.code(), new EvidenceRule("AccessLogged", EvidenceRule::record, true),
            AuditedAction.GRANT_REVOKE.code(), new EvidenceRule("ConsentRevoked", id -> "grant " + id, true),
            AuditedAction.ACCESS_REQUEST_APPROVE.code(),
            new EvidenceRule("AccessRequestApproved", id -> "request " + id, false),
            AuditedAction.ACCESS_REQUEST_DENY.code(),
            new EvidenceRule("AccessRequestDenied", id -> "request " + id, true),
            AuditedAction.EMERGENCY_ACCESS_REVIEW.code(),
            new EvidenceRule("EmergencyAccessReviewed", id -> "emergency " + id, true));

    /** A record id as the chain writes it ({@code 0x} and 64 hex digits); the node keeps the bare hex. */
    private static String record(String id) {
        String hex = id.toLowerCase(Locale.ROOT);
        return hex.startsWith("0x") ? hex : "0x" + hex;
    }

    /**
     * The rule for {@code entry}; none for an act that leaves nothing on chain, or was refused or failed. An act
     * whose outcome is unknown to the node gets its rule: the chain tells whether it took effect.
     */
    static Optional<EvidenceRule> of(AuditRecord entry) {
        if ((entry.outcome() != AuditOutcome.SUCCEEDED && entry.outcome() != AuditOutcome.UNKNOWN)
                || entry.subject() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_ACTION.get(entry.action()));
    }
}
