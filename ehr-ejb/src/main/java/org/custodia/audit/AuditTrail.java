package org.custodia.audit;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

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

    /** The newest entries first, at most {@code limit} (capped at 500). */
    public List<AuditRecord> latest(int limit) {
        return em.createQuery("select e from AuditEntry e order by e.occurredAt desc, e.id", AuditEntry.class)
                .setMaxResults(Math.max(1, Math.min(limit, MAX_PAGE)))
                .getResultList().stream().map(AuditEntry::toRecord).toList();
    }
}
