package org.custodia.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import org.custodia.ledger.api.AuditHead;
import org.custodia.ledger.api.Bytes32;
import org.custodia.outbox.Outbox;

/**
 * Appends to and reads the node's audit trail, and keeps it tamper-evident: entries are sealed into a hash chain a
 * few seconds after they are written ({@link AuditSealing}), off the request path, and {@link #verify} finds an
 * entry changed or deleted since. The chain's head is handed to the outbox for anchoring on chain from time to time
 * ({@link #requestAnchor}), so that a chain rebuilt in the database no longer matches ({@link AuditTrailCheck}).
 */
@Stateless
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class.getName());
    private static final int MAX_PAGE = 500;
    /**
     * The order of {@link #search}, as both databases order the same columns: time, then the id's 16 bytes read
     * unsigned (PostgreSQL and H2 alike; {@link UUID#compareTo} reads them signed).
     */
    static final Comparator<AuditRecord> NEWEST_FIRST = Comparator.comparing(AuditRecord::occurredAt)
            .thenComparing(AuditRecord::id, (a, b) -> a.getMostSignificantBits() != b.getMostSignificantBits()
                    ? Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits())
                    : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits()))
            .reversed();
    private static final int VERIFY_BATCH = 1000;

    @PersistenceContext(unitName = "custodia")
    private EntityManager em;

    @EJB
    private Outbox outbox;

    private final Clock clock = Clock.systemUTC();

    /**
     * Records an entry in its own transaction, so that a refused or failed action is audited even when the
     * caller's transaction rolls back.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public AuditRecord record(String actor, AuditedAction action, String subject, AuditOutcome outcome,
                              String detail) {
        return append(actor, action, subject, outcome, detail);
    }

    /**
     * Records an entry in the caller's transaction, so that it commits, or rolls back, with what the caller's action
     * did. For an action that succeeded so far; what records its failure if that transaction rolls back is the
     * caller's concern ({@link org.custodia.access.AuditEntries}).
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public AuditRecord recordInCallersTransaction(String actor, AuditedAction action, String subject,
                                                  AuditOutcome outcome, String detail) {
        return append(actor, action, subject, outcome, detail);
    }

    /**
     * Writes what an action is about to do, in its own transaction, before a step nothing on this node can undo;
     * returns its id, which the action's entry names when it replaces it ({@link #recordInPlaceOf}).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public UUID recordIntent(String actor, AuditedAction action, String subject, String detail) {
        AuditIntent intent = new AuditIntent(clock.instant(), actor, action.code(), subject, detail);
        em.persist(intent);
        return intent.getId();
    }

    /**
     * Records an entry in its own transaction, removing in the same transaction the intent {@code intent} that
     * announced its action: a crash leaves one or the other, never both and never neither.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public AuditRecord recordInPlaceOf(UUID intent, String actor, AuditedAction action, String subject,
                                       AuditOutcome outcome, String detail) {
        AuditIntent announced = em.find(AuditIntent.class, intent);
        if (announced != null) {
            em.remove(announced);
        } else {
            LOG.warning(() -> "The intent of " + action.code() + " on " + subject + " was replaced already (an "
                    + "entry written before, or one with outcome unknown from a start's settling): the trail holds "
                    + "another entry of this action besides this one");
        }
        return append(actor, action, subject, outcome, detail);
    }

    /**
     * Removes the intent {@code intent} of an action that did not take the step it announced, whose outcome its own
     * entry tells; an intent already replaced or settled is left alone.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void withdrawIntent(UUID intent) {
        AuditIntent announced = em.find(AuditIntent.class, intent);
        if (announced != null) {
            em.remove(announced);
        }
    }

    /**
     * Turns up to {@code max} intents written before {@code startedAt} (by a node that stopped before their actions'
     * outcomes were known) into entries whose outcome is {@link AuditOutcome#UNKNOWN}, oldest first, and returns how
     * many. Intents of this run, written since {@code startedAt}, belong to actions under way and are left alone.
     */
    public int settleInterrupted(Instant startedAt, int max) {
        List<AuditIntent> left = em.createQuery("select i from AuditIntent i where i.writtenAt < :startedAt "
                + "order by i.writtenAt, i.id", AuditIntent.class).setParameter("startedAt", startedAt)
                .setMaxResults(max).getResultList();
        Instant now = clock.instant();
        for (AuditIntent intent : left) {
            em.persist(intent.interrupted(now));
            em.remove(intent);
        }
        return left.size();
    }

    private AuditRecord append(String actor, AuditedAction action, String subject, AuditOutcome outcome,
                               String detail) {
        AuditEntry entry = new AuditEntry(clock.instant(), actor, action.code(), subject, outcome, detail);
        em.persist(entry);
        return entry.toRecord();
    }

    public Optional<AuditRecord> find(UUID id) {
        return Optional.ofNullable(em.find(AuditEntry.class, id)).map(AuditEntry::toRecord);
    }

    /**
     * The entries {@code filter} selects, newest first, older than {@code olderThan} (null: from the newest), at most
     * {@code limit} (capped at 500). Pages are read by position, not counted off: each costs what it returns, however
     * long the trail, and entries written meanwhile never shift a page.
     */
    public List<AuditRecord> search(AuditFilter filter, AuditRecord olderThan, int limit) {
        int max = Math.max(1, Math.min(limit, MAX_PAGE));
        if (filter.subject() == null) {
            return page(filter, null, olderThan, max);
        }
        if (!NamedPatient.couldName(filter.subject())) {
            return page(filter, "subject", olderThan, max);
        }
        // the subject and the named patient each have an index: two short reads merged, where one query with "or"
        // would read every entry of the trail
        List<AuditRecord> merged = new ArrayList<>(page(filter, "subject", olderThan, max));
        Set<UUID> seen = new HashSet<>(merged.stream().map(AuditRecord::id).toList());
        page(filter, "namedPatient", olderThan, max).stream().filter(entry -> seen.add(entry.id()))
                .forEach(merged::add);
        merged.sort(NEWEST_FIRST);
        return List.copyOf(merged.subList(0, Math.min(max, merged.size())));
    }

    /** One query of {@link #search}: the filter's subject compared with {@code subjectColumn}, if any. */
    private List<AuditRecord> page(AuditFilter filter, String subjectColumn, AuditRecord olderThan, int max) {
        StringBuilder jpql = new StringBuilder("select e from AuditEntry e where 1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        if (filter.actor() != null) {
            jpql.append(" and e.actor = :actor");
            parameters.put("actor", filter.actor());
        }
        if (filter.action() != null) {
            jpql.append(" and e.action = :action");
            parameters.put("action", filter.action());
        }
        if (subjectColumn != null) {
            jpql.append(" and e.").append(subjectColumn).append(" in :subjects");
            parameters.put("subjects", filter.subjects());
        }
        if (filter.from() != null) {
            jpql.append(" and e.occurredAt >= :from");
            parameters.put("from", filter.from());
        }
        if (filter.to() != null) {
            jpql.append(" and e.occurredAt < :to");
            parameters.put("to", filter.to());
        }
        if (olderThan != null) {
            // the bound on the time alone lets the database walk its index; the id orders entries of the same instant
            jpql.append(" and e.occurredAt <= :olderAt and (e.occurredAt < :olderAt or e.id < :olderId)");
            parameters.put("olderAt", olderThan.occurredAt());
            parameters.put("olderId", olderThan.id());
        }
        TypedQuery<AuditEntry> query = em.createQuery(jpql.append(" order by e.occurredAt desc, e.id desc")
                .toString(), AuditEntry.class);
        parameters.forEach(query::setParameter);
        return query.setMaxResults(max).getResultList().stream().map(AuditEntry::toRecord).toList();
    }

    /**
     * Seals up to {@code max} entries not sealed yet into the hash chain, in the order they were written (entries from
     * before the chain existed first), and returns how many it sealed. One caller at a time: the chain's head row is locked for the transaction.
     */
    public int sealPending(int max) {
        AuditChainHead head = lockedHead();
        List<AuditEntry> pending = em.createQuery("select e from AuditEntry e where e.sequence is null "
                + "order by e.occurredAt, e.id", AuditEntry.class).setMaxResults(max).getResultList();
        for (AuditEntry entry : pending) {
            entry.seal(head.sequence() + 1, head.entryHash());
            head.advance(entry, clock.instant());
        }
        return pending.size();
    }

    /**
     * Queues the anchoring of the sealed head on chain ({@link AnchorAuditHeadCommand}) when the head moved past the
     * one last queued, at most once per {@code interval}; returns whether it queued. The head row remembers what was
     * queued, so a restart neither queues the same head again nor sooner.
     */
    public boolean requestAnchor(Duration interval) {
        AuditChainHead head = lockedHead();
        Instant now = clock.instant();
        if (!head.anchorDue(now, interval)) {
            return false;
        }
        outbox.enqueue(AnchorAuditHeadCommand.KIND, AnchorAuditHeadCommand.SUBJECT);
        head.anchorRequested(now);
        return true;
    }

    /** The sequence of the head last queued for anchoring on chain, 0 before the first. */
    public long anchorRequested() {
        return head().anchorRequestedSequence();
    }

    /** The sealed entry at {@code sequence} as a head to anchor or compare with an anchor; empty when none is there. */
    public Optional<AuditHead> sealedHead(long sequence) {
        return em.createQuery("select e.entryHash from AuditEntry e where e.sequence = :sequence", String.class)
                .setParameter("sequence", sequence).getResultList().stream().findFirst()
                .map(hash -> new AuditHead(sequence, Bytes32.fromHex(hash)));
    }

    private AuditChainHead lockedHead() {
        return present(em.find(AuditChainHead.class, AuditChainHead.ID, LockModeType.PESSIMISTIC_WRITE));
    }

    private AuditChainHead head() {
        return present(em.find(AuditChainHead.class, AuditChainHead.ID));
    }

    private static AuditChainHead present(AuditChainHead head) {
        if (head == null) {
            throw new IllegalStateException("the audit trail's chain head is missing: the database was not migrated");
        }
        return head;
    }

    /**
     * Checks the whole hash chain from its first entry to its head: each entry in its place, linked to the one
     * before, its hash matching its fields. Reports the first place where it does not hold. A chain rebuilt
     * consistently holds here; {@link AuditTrailCheck} also compares it with the heads anchored on chain.
     */
    public AuditChainReport verify() {
        AuditChainHead head = head();
        long unsealed = em.createQuery("select count(e) from AuditEntry e where e.sequence is null", Long.class)
                .getSingleResult();
        String previousHash = AuditHashes.GENESIS;
        long expected = 1;
        while (true) {
            // up to the head as read above: entries the sealer adds meanwhile are left to the next check
            List<AuditEntry> batch = em.createQuery("select e from AuditEntry e where e.sequence >= :from "
                            + "and e.sequence <= :head order by e.sequence", AuditEntry.class)
                    .setParameter("from", expected).setParameter("head", head.sequence())
                    .setMaxResults(VERIFY_BATCH).getResultList();
            for (AuditEntry entry : batch) {
                String problem = entry.sequence() != expected ? "entry " + expected + " is missing (deleted)"
                        : !previousHash.equals(entry.previousHash()) ? "entry " + expected
                        + " does not follow the entry before it (an entry was replaced or re-sealed)"
                        : !entry.computedHash().equals(entry.entryHash()) ? "entry " + expected + " (" + entry.getId()
                        + ") was changed after it was sealed"
                        : !entry.namedPatientMatchesDetail() ? "entry " + expected + " (" + entry.getId() + ") is "
                        + "indexed under another patient than its detail names (the index was changed in the "
                        + "database, which hides the entry from a review by patient id)" : null;
                if (problem != null) {
                    return new AuditChainReport(expected - 1, head.sequence(), expected, problem, unsealed);
                }
                previousHash = entry.entryHash();
                expected++;
            }
            if (batch.size() < VERIFY_BATCH) {
                break;
            }
            em.clear();
        }
        long checked = expected - 1;
        if (checked != head.sequence() || !previousHash.equals(head.entryHash())) {
            return new AuditChainReport(checked, head.sequence(), checked + 1, checked < head.sequence()
                    ? "the entries after " + checked + " up to the head " + head.sequence() + " are missing (deleted)"
                    : "the chain's head does not match its newest entry", unsealed);
        }
        return new AuditChainReport(checked, head.sequence(), -1, null, unsealed);
    }
}
