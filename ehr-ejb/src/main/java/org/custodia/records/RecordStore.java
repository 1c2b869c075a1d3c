package org.custodia.records;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.Category;
import org.custodia.ledger.api.RecordAnchor;
import org.custodia.patients.Patient;

/** The records' rows and their anchor outbox, each method one transaction. Internal to the records services. */
@Stateless
public class RecordStore {

    @PersistenceContext(unitName = "custodia")
    private EntityManager em;

    /** Records a stored envelope and queues its anchor, together. */
    public void add(HealthRecord record, AnchorOutboxEntry anchor) {
        em.persist(record);
        em.persist(anchor);
    }

    public Optional<HealthRecord> find(String recordId) {
        return Optional.ofNullable(em.find(HealthRecord.class, recordId));
    }

    /** A patient's records, oldest first. */
    public List<HealthRecord> ofPatient(UUID patientId) {
        return em.createQuery("select r from HealthRecord r where r.patientId = :patient order by r.createdAt, r.id",
                        HealthRecord.class)
                .setParameter("patient", patientId)
                .getResultList();
    }

    /** Ids of outbox entries due at {@code now}, the longest waiting first. */
    public List<String> due(Instant now, int limit) {
        return em.createQuery("select e.recordId from AnchorOutboxEntry e where e.nextAttemptAt <= :now "
                        + "order by e.nextAttemptAt", String.class)
                .setParameter("now", now)
                .setMaxResults(limit)
                .getResultList();
    }

    /**
     * Takes the outbox entry for one attempt if it is due: moves its next attempt to {@code leaseUntil} in one
     * conditional update, so of two concurrent callers only one gets it.
     *
     * @return the entry as claimed, or empty if it is not due, taken by another attempt or gone (anchored)
     */
    public Optional<AnchorOutboxEntry> claim(String recordId, Instant now, Instant leaseUntil) {
        int claimed = em.createQuery("update AnchorOutboxEntry e set e.nextAttemptAt = :lease "
                        + "where e.recordId = :id and e.nextAttemptAt <= :now")
                .setParameter("lease", leaseUntil)
                .setParameter("id", recordId)
                .setParameter("now", now)
                .executeUpdate();
        return claimed == 1 ? Optional.ofNullable(em.find(AnchorOutboxEntry.class, recordId)) : Optional.empty();
    }

    /** What the chain gets for a record: ids, pseudonym, envelope hash, category and content type, no PHI. */
    public RecordAnchor anchorOf(String recordId) {
        HealthRecord record = em.find(HealthRecord.class, recordId);
        Patient patient = em.find(Patient.class, record.patientId());
        return RecordAnchor.original(Bytes32.of(record.idBytes()), Bytes32.of(patient.pseudonym().toBytes()),
                Bytes32.of(record.envelopeHash()), new Category(record.category()), record.contentType());
    }

    /** Marks the record anchored and removes its outbox entry; a second call changes nothing. */
    public void anchored(String recordId, String transaction, Long block, Instant at) {
        HealthRecord record = em.find(HealthRecord.class, recordId);
        if (record.anchorStatus() != AnchorStatus.ANCHORED) {
            record.markAnchored(transaction, block, at);
        }
        AnchorOutboxEntry entry = em.find(AnchorOutboxEntry.class, recordId);
        if (entry != null) {
            em.remove(entry);
        }
    }

    /** Counts a failed attempt and schedules the next one. */
    public void retryLater(String recordId, String error, String pendingTransaction, Instant retryAt) {
        AnchorOutboxEntry entry = em.find(AnchorOutboxEntry.class, recordId);
        if (entry != null) {
            entry.failed(error, pendingTransaction, retryAt);
        }
    }
}
