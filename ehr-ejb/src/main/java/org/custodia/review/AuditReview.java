package org.custodia.review;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import org.custodia.access.Audited;
import org.custodia.access.AuditedCall;
import org.custodia.audit.AuditChainReport;
import org.custodia.audit.AuditFilter;
import org.custodia.audit.AuditRecord;
import org.custodia.audit.AuditTrail;
import org.custodia.audit.AuditTrailCheck;
import org.custodia.audit.AuditedAction;
import org.custodia.kernel.Given;
import org.custodia.kernel.InvalidInputException;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.journal.ChainEventJournal;
import org.custodia.ledger.journal.EventQuery;
import org.custodia.ledger.journal.JournaledEvent;

/**
 * The audit trail as privacy officers review it: filtered, paged, each entry beside the chain's record of the same
 * act where it has one. Each review is itself audited.
 */
@Stateless
public class AuditReview {

    /** The most entries one page holds. */
    public static final int MAX_PAGE = 100;

    @EJB
    private AuditTrail trail;

    @EJB
    private AuditTrailCheck check;

    @EJB
    private ChainEventJournal journal;

    @Resource(lookup = "java:app/eis/ledger")
    private LedgerConnectionFactory ledger;

    /** The longest text a filter criterion may be: longer than any actor, action or subject the trail holds. */
    public static final int MAX_CRITERION_LENGTH = 512;

    /**
     * The entries {@code filter} selects, newest first, older than entry {@code before} (null: from the newest), at
     * most {@code limit}. Each is read once the caller's roles allow the search, so that a malformed one sent by a
     * caller without the role is refused, and audited, as that.
     *
     * @throws InvalidInputException if a field could not be read (a time that is not an instant, an id that is not an
     *         entry's), if {@code limit} is not 1 to {@value #MAX_PAGE}, if {@code before} names no entry
     *         of this trail, or if a criterion is longer than {@value #MAX_CRITERION_LENGTH} characters (longer than any
     *         the trail holds), or if the action is not the code of one the trail records (such a search found nothing,
     *         which reads as "no such entries")
     */
    @Audited(AuditedAction.AUDIT_REVIEW)
    public AuditPage search(Given<AuditFilter> given, Given<UUID> givenBefore, Given<Integer> givenLimit) {
        AuditFilter filter = given.value();
        UUID before = givenBefore.value();
        int limit = givenLimit.value();
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidInputException("limit must be 1 to " + MAX_PAGE);
        }
        requireReasonableLength("actor", filter.actor());
        requireReasonableLength("action", filter.action());
        requireReasonableLength("subject", filter.subject());
        if (filter.action() != null && !AuditedAction.isCode(filter.action())) {
            // not quoted back: a criterion typed into the wrong field may be patient data
            throw new InvalidInputException("action is not the code of an action the trail records; codes are "
                    + "lower-case, such as record.download or access.denied (the audit page lists them all)");
        }
        AuditRecord olderThan = before == null ? null : trail.find(before).orElseThrow(() ->
                new InvalidInputException("before names no entry of this node's audit trail: give the id of an "
                        + "entry, as the previous page's last entry or its Link to the next page names it"));
        List<AuditRecord> found = trail.search(filter, olderThan, limit + 1);
        List<AuditRecord> entries = found.subList(0, Math.min(limit, found.size()));
        Optional<String> self = ownAccount();
        List<ReviewedEntry> reviewed = entries.stream()
                .map(entry -> new ReviewedEntry(entry, EvidenceRule.of(entry)
                        .map(rule -> evidence(entry, rule, self)).orElse(null)))
                .toList();
        AuditedCall.current().detail(describe(filter, entries.size()) + (before == null ? "" : " before " + before)
                + ": " + entries.size() + (found.size() > limit ? " entries (older ones follow)" : " entries"));
        return new AuditPage(reviewed, found.size() > limit
                ? Optional.of(entries.get(entries.size() - 1).id()) : Optional.empty());
    }

    /**
     * Checks the trail's hash chain from its first entry to its head, and against the heads anchored on chain (see
     * {@link AuditTrailCheck#verify}).
     */
    @Audited(AuditedAction.AUDIT_VERIFY)
    public AuditChainReport verify() {
        AuditChainReport report = check.verify();
        AuditedCall.current().detail((report.intact() ? report.checked() + " sealed entries intact"
                : "broken at entry " + report.brokenAt() + ": " + report.problem()) + anchorsChecked(report));
        return report;
    }

    /** What the check compared with the chain: a trail whose anchors were not read was not compared at all. */
    private static String anchorsChecked(AuditChainReport report) {
        if (report.anchorsUnread() != null) {
            return "; the heads anchored on chain could not be read, so the trail was not compared with them ("
                    + report.anchorsUnread() + ")";
        }
        return report.anchored() > 0 ? "; newest anchor on chain: entry " + report.anchored() + " in block "
                + report.anchoredBlock() : "; no head anchored on chain yet";
    }

    /**
     * The entry's own event if the journal holds it ({@link EvidenceRule#queryFor}); else another event of the kind
     * about the same subject (another account's, or another transaction); else none.
     */
    private ChainEvidence evidence(AuditRecord entry, EvidenceRule rule, Optional<String> self) {
        EventQuery own = rule.queryFor(entry, self);
        Optional<JournaledEvent> found = journal.find(own);
        if (found.isPresent()) {
            return new ChainEvidence(ChainEvidence.Status.MATCHES, rule.event(), found.get().blockNumber(),
                    found.get().transactionHash());
        }
        return journal.find(EventQuery.of(own.name(), own.subject()))
                .map(other -> new ChainEvidence(ChainEvidence.Status.DIFFERS, rule.event(), other.blockNumber(),
                        other.transactionHash()))
                .orElseGet(() -> ChainEvidence.missing(rule.event()));
    }

    /** This node's ledger account; unknown when the connector cannot say (actors are then not compared). */
    private Optional<String> ownAccount() {
        try (LedgerConnection chain = ledger.getConnection()) {
            return Optional.of(chain.account().toString());
        } catch (LedgerException e) {
            return Optional.empty();
        }
    }

    /**
     * The filter as the review's own entry states it. What was typed for the actor, action or subject is stated only
     * when the search found entries, each of which holds it already; otherwise only its length: a national id or a
     * name typed into a search box must not be sealed into the trail.
     */
    static String describe(AuditFilter filter, long found) {
        StringBuilder text = new StringBuilder("filter");
        append(text, "actor", typed(filter.actor(), found));
        append(text, "action", typed(filter.action(), found));
        append(text, "subject", typed(filter.subject(), found));
        append(text, "from", filter.from());
        append(text, "to", filter.to());
        return text.toString();
    }

    private static void requireReasonableLength(String criterion, String value) {
        if (value != null && value.length() > MAX_CRITERION_LENGTH) {
            throw new InvalidInputException("the " + criterion + " to search for is longer than any the trail holds "
                    + "(at most " + MAX_CRITERION_LENGTH + " characters)");
        }
    }

    private static String typed(String value, long found) {
        return value == null || found > 0 ? value : "(" + value.length() + " characters, not shown: nothing found)";
    }

    private static void append(StringBuilder text, String name, Object value) {
        if (value != null) {
            text.append(' ').append(name).append('=').append(value);
        }
    }
}
