package org.custodia.sharing;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;

import org.custodia.persistence.UniqueViolation;

/** Keeps {@link ConsentRef}s: each entry once, whoever learns of it first (the service that sent it, or an event). */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ConsentRefs {

    @PersistenceContext(unitName = "custodia")
    private EntityManager em;

    private static final Logger LOG = Logger.getLogger(ConsentRefs.class.getName());

    private final Clock clock = Clock.systemUTC();

    /**
     * Notes an entry; an entry already noted keeps its first direction. Two writers noting the same entry at once
     * (a staff member's change and the chain event it caused) end with one row: the second insert's failure only
     * rolls back its own transaction, which holds nothing else.
     */
    public void remember(ConsentKind kind, long chainId, Direction direction, String patientPseudonym,
            String counterpart, Instant expiresAt) {
        if (em.find(ConsentRef.class, kind.subject(chainId)) == null) {
            try {
                em.persist(new ConsentRef(kind, chainId, direction, patientPseudonym, counterpart, expiresAt,
                        clock.instant()));
                em.flush();
            } catch (PersistenceException e) {
                if (!UniqueViolation.causedBy(e)) {
                    throw e;
                }
                LOG.fine(() -> "Consent entry " + kind.subject(chainId) + " was noted by another writer first");
            }
        }
    }

    /**
     * Notes whether an entry is settled (a request decided, an emergency access reviewed) as the chain was just
     * read to say; writes only when the row says otherwise, and tells whether it did. A writer that read the chain
     * earlier can leave a settled entry marked open for a while: the lists read such an entry from the chain anyway
     * and mark it again. An entry not noted here is left so.
     */
    public boolean mark(ConsentKind kind, long chainId, boolean settled) {
        return em.createQuery("update ConsentRef c set c.settled = :settled where c.id = :id "
                        + "and c.settled <> :settled").setParameter("settled", settled)
                .setParameter("id", kind.subject(chainId)).executeUpdate() > 0;
    }

    /**
     * At most {@code limit} entries of a kind, newest (highest chain id) first: in one direction, or in both with
     * {@code direction} null; below the chain id {@code before} when given; with {@code openOnly}, only those not
     * marked settled.
     */
    public List<ConsentRef> newest(ConsentKind kind, Direction direction, boolean openOnly, Long before, int limit) {
        return newest(kind, direction, null, openOnly, before, limit);
    }

    /** As {@link #newest}, for one patient's entries of a kind in one direction, whatever their state. */
    public List<ConsentRef> ofPatient(ConsentKind kind, Direction direction, String patientPseudonym, Long before,
            int limit) {
        return newest(kind, direction, patientPseudonym, false, before, limit);
    }

    private List<ConsentRef> newest(ConsentKind kind, Direction direction, String patientPseudonym, boolean openOnly,
            Long before, int limit) {
        StringBuilder jpql = new StringBuilder("select c from ConsentRef c where c.kind = :kind");
        Map<String, Object> parameters = new HashMap<>(Map.of("kind", kind));
        if (patientPseudonym != null) {
            jpql.append(" and c.patientPseudonym = :pseudonym");
            parameters.put("pseudonym", patientPseudonym);
        }
        if (direction != null) {
            jpql.append(" and c.direction = :direction");
            parameters.put("direction", direction);
        }
        if (openOnly) {
            jpql.append(" and c.settled = false");
        }
        if (before != null) {
            jpql.append(" and c.chainId < :before");
            parameters.put("before", before);
        }
        TypedQuery<ConsentRef> query = em.createQuery(jpql.append(" order by c.chainId desc").toString(),
                ConsentRef.class);
        parameters.forEach(query::setParameter);
        return query.setMaxResults(limit).getResultList();
    }

    /**
     * The entries that may let {@code member} read this node's records of a patient: the grants this node issued
     * to it, and the emergency accesses it declared for the patient.
     */
    public List<ConsentRef> covering(String patientPseudonym, String member) {
        return coveringEntries(" and c.patientPseudonym = :pseudonym and c.counterpart = :member", ConsentRef.class,
                "c").setParameter("pseudonym", patientPseudonym).setParameter("member", member).getResultList();
    }

    /**
     * The pairs of a patient of this node and another hospital that an entry {@linkplain #covering covers} and that
     * has not expired at {@code now}: the pairs whose re-keys the proxies may hold. For one hospital, or with
     * {@code member} null for all. Read in the caller's transaction (the chain event's journal), if any.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<CoveredPair> coveredPairs(String member, Instant now) {
        TypedQuery<Object[]> query = coveringEntries((member == null ? "" : " and c.counterpart = :member")
                + " and (c.expiresAt is null or c.expiresAt > :now)", Object[].class,
                "distinct c.patientPseudonym, c.counterpart").setParameter("now", now);
        if (member != null) {
            query.setParameter("member", member);
        }
        return query.getResultList().stream().map(row -> new CoveredPair((String) row[0], (String) row[1])).toList();
    }

    private <T> TypedQuery<T> coveringEntries(String condition, Class<T> type, String selected) {
        return em.createQuery("select " + selected + " from ConsentRef c where ((c.kind = :grant and c.direction "
                        + "= :outgoing) or (c.kind = :emergency and c.direction = :incoming))" + condition, type)
                .setParameter("grant", ConsentKind.GRANT).setParameter("outgoing", Direction.OUTGOING)
                .setParameter("emergency", ConsentKind.EMERGENCY).setParameter("incoming", Direction.INCOMING);
    }

    /** A patient of this node (its pseudonym in hex) and another hospital (its account). */
    public record CoveredPair(String patientPseudonym, String hospital) {
    }
}
