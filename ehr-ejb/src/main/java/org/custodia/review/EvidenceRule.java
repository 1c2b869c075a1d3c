package org.custodia.review;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditRecord;
import org.custodia.audit.AuditedAction;
import org.custodia.ledger.journal.EventQuery;

/**
 * Which contract event an audited act leaves on chain when it succeeded (or may have: its outcome unknown), under
 * which subject (as the chain event journal describes events), whether the event names this node as the one who
 * caused it, and which account it names beside (for an access log, the accessor).
 *
 * @param event             the event's name
 * @param chainSubject      the journal's subject for the entry's subject
 * @param causedByThisNode  whether the event's actor must be this node's account for the entry to match
 * @param counterpart       which account the event must name beside its actor for the entry to match
 */
record EvidenceRule(String event, UnaryOperator<String> chainSubject, boolean causedByThisNode,
                    Counterpart counterpart) {

    /** The account an event must name beside its actor. */
    enum Counterpart {
        /** None is compared. */
        ANY,
        /** This node's account: the hospital whose access a proxy logged. */
        THIS_NODE,
        /** The entry's actor: the hospital whose access this proxy logged. */
        ENTRY_ACTOR
    }

    /**
     * An access log's transaction as entries' details name it once confirmed ("logged the access in", "access logged
     * in"); other 64-digit values there are not (a record id in a quoted refusal, a transaction a proxy named that
     * this node could not confirm, perhaps an earlier access's).
     */
    private static final Pattern TRANSACTION = Pattern.compile(
            "(?:logged the access in|access logged in) (0x[0-9a-fA-F]{64})(?![0-9a-fA-F])");

    private static final Map<String, EvidenceRule> BY_ACTION = Map.of(
            AuditedAction.RECORD_UPLOAD.code(), new EvidenceRule("RecordAnchored", EvidenceRule::record, true,
                    Counterpart.ANY),
            AuditedAction.SHARED_RECORD_RETRIEVE.code(),
            new EvidenceRule("AccessLogged", EvidenceRule::record, false, Counterpart.THIS_NODE),
            AuditedAction.SHARED_RECORD_ACCESS_LOGGED.code(),
            new EvidenceRule("AccessLogged", EvidenceRule::record, false, Counterpart.THIS_NODE),
            AuditedAction.PROXY_RE_ENCRYPTION.code(), new EvidenceRule("AccessLogged", EvidenceRule::record, true,
                    Counterpart.ENTRY_ACTOR),
            AuditedAction.GRANT_REVOKE.code(), new EvidenceRule("ConsentRevoked", id -> "grant " + id, true,
                    Counterpart.ANY),
            AuditedAction.ACCESS_REQUEST_APPROVE.code(),
            new EvidenceRule("AccessRequestApproved", id -> "request " + id, false, Counterpart.ANY),
            AuditedAction.ACCESS_REQUEST_DENY.code(),
            new EvidenceRule("AccessRequestDenied", id -> "request " + id, true, Counterpart.ANY),
            AuditedAction.EMERGENCY_ACCESS_REVIEW.code(),
            new EvidenceRule("EmergencyAccessReviewed", id -> "emergency " + id, true, Counterpart.ANY));

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

    /**
     * The journaled event that is {@code entry}'s evidence: the event of this rule about the entry's subject, caused
     * by {@code self} and naming its counterpart as this rule says, and in the transaction the entry's detail names
     * when it names one (each access of a record is logged in its own event; the first one found was another's).
     * Nothing is compared with this node's account when it is not known.
     */
    EventQuery queryFor(AuditRecord entry, Optional<String> self) {
        String transaction = entry.detail() == null ? null : TRANSACTION.matcher(entry.detail()).results()
                .map(found -> found.group(1)).findFirst().orElse(null);
        String counterparty = switch (counterpart) {
            case ANY -> null;
            case THIS_NODE -> self.orElse(null);
            case ENTRY_ACTOR -> entry.actor();
        };
        return new EventQuery(event, chainSubject.apply(entry.subject()), transaction,
                causedByThisNode ? self.orElse(null) : null, counterparty);
    }
}
