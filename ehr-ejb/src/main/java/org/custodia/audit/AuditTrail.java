package org.custodia.audit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

/** Appends to and reads the node's audit trail. */
@Stateless
public class AuditTrail {

    private static final int MAX_PAGE = 500;

    @PersistenceContext(unitName = "custodia")
    private EntityManager em;

    private final Clock clock = Clock.systemUTC();

    /**
     * Records an entry in its own transaction, so that a refused or failed action is audited even when the
     * caller's transaction rolls back.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public AuditRecord record(String actor, AuditedAction action, String subject, AuditOutcome outcome,
                              String detail) {
        AuditEntry entry = new AuditEntry(clock.instant(), actor, action.code(), subject, outcome, detail);
        em.persist(entry);
        return entry.toRecord();
    }

    public Optional<AuditRecord> find(UUID id) {
        return Optional.ofNullable(em.find(AuditEntry.class, id)).map(AuditEntry::toRecord);
    }

    /** The entries {@code filter} selects, newest first, from {@code offset} on, at most {@code limit} (capped at 500). */
    public List<AuditRecord> search(AuditFilter filter, int offset, int limit) {
        TypedQuery<AuditEntry> query = em.createQuery("select e from AuditEntry e" + where(filter)
                + " order by e.occurredAt desc, e.id", AuditEntry.class);
        bind(query, filter);
        return query.setFirstResult(Math.max(0, offset)).setMaxResults(Math.max(1, Math.min(limit, MAX_PAGE)))
                .getResultList().stream().map(AuditEntry::toRecord).toList();
    }

    /** How many entries {@code filter} selects. */
    public long count(AuditFilter filter) {
        TypedQuery<Long> query = em.createQuery("select count(e) from AuditEntry e" + where(filter), Long.class);
        bind(query, filter);
        return query.getSingleResult();
    }

    private static String where(AuditFilter filter) {
        List<String> conditions = new ArrayList<>();
        if (filter.actor() != null) {
            conditions.add("e.actor = :actor");
        }
        if (filter.action() != null) {
            conditions.add("e.action = :action");
        }
        if (filter.subject() != null) {
            conditions.add("(e.subject = :subject or e.detail like :mention escape '!')");
        }
        if (filter.from() != null) {
            conditions.add("e.occurredAt >= :from");
        }
        if (filter.to() != null) {
            conditions.add("e.occurredAt < :to");
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private static void bind(TypedQuery<?> query, AuditFilter filter) {
        if (filter.actor() != null) {
            query.setParameter("actor", filter.actor());
        }
        if (filter.action() != null) {
            query.setParameter("action", filter.action());
        }
        if (filter.subject() != null) {
            query.setParameter("subject", filter.subject());
            String literal = filter.subject().replace("!", "!!").replace("%", "!%").replace("_", "!_");
            query.setParameter("mention", "%" + literal + "%");
        }
        if (filter.from() != null) {
            query.setParameter("from", filter.from());
        }
        if (filter.to() != null) {
            query.setParameter("to", filter.to());
        }
    }
}
