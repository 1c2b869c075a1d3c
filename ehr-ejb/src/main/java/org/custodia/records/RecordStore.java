package org.custodia.records;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import org.custodia.access.AuditedCall;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.Category;
import org.custodia.ledger.api.RecordAnchor;
import org.custodia.outbox.Outbox;
import org.custodia.patients.PatientRegistry;
import org.custodia.patients.Pseudonym;

/** The records' rows, each method one transaction. Internal to the records services. */
@Stateless
public class RecordStore {

    private static final int IDS_PER_QUERY = 1000;

    @PersistenceContext(unitName = "custodia")
    private EntityManager em;

    @EJB
    private Outbox outbox;

    @EJB
    private PatientRegistry patients;

    /**
     * Records a stored envelope and, for this hospital's own record, queues its anchor in the outbox, together. A
     * received record is anchored already, by its custodian.
     */
    void add(HealthRecord record) {
        em.persist(record);
        if (!record.isReceived()) {
            outbox.enqueue(AnchorRecordCommand.KIND, record.id());
        }
    }

    /**
     * Records a stored envelope as {@link #add} does and writes, in the same transaction of its own, the succeeded
     * entry of the audited action that stores it (an upload, a retrieval): the record exists if and only if that
     * action is audited as succeeded. The action's subject and detail are set before. Its own transaction, because an
     * entry written in the action's would be settled before the action's commit, which could still fail. Everything
     * is written before this returns, so that only the commit itself can fail after it.
     *
     * @throws RecordNotKeptException if the database refused any of it: the transaction rolls back, nothing is kept
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void addAudited(HealthRecord record) {
        try {
            add(record);
            AuditedCall.current().succeededInThisTransaction();
            em.flush();
        } catch (RuntimeException e) {
            throw new RecordNotKeptException(record.id(), e);
        }
    }

    public Optional<HealthRecord> find(String recordId) {
        return Optional.ofNullable(em.find(HealthRecord.class, recordId));
    }

    /** Which of these envelope storage keys a record refers to. */
    public Set<String> referencedStorageKeys(Collection<String> storageKeys) {
        if (storageKeys.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(em.createQuery("select r.storageKey from HealthRecord r where r.storageKey in :keys",
                        String.class)
                .setParameter("keys", storageKeys)
                .getResultList());
    }

    /** Which of these records this node keeps, asked a thousand ids at a time (an {@code in} list has bounds). */
    public Set<String> keptAmong(Collection<String> recordIds) {
        List<String> ids = List.copyOf(recordIds);
        Set<String> kept = new HashSet<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            kept.addAll(em.createQuery("select r.id from HealthRecord r where r.id in :ids", String.class)
                    .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY)))
                    .getResultList());
        }
        return kept;
    }

    /**
     * Whether this node anchored a record of its own for the patient: the registry then counts it a custodian of the
     * patient, which may review emergency accesses to the patient's records.
     */
    public boolean anchoredOwnRecordOf(UUID patientId) {
        return !em.createQuery("select r.id from HealthRecord r where r.patientId = :patient "
                        + "and r.receivedFrom is null and r.anchorStatus = :anchored", String.class)
                .setParameter("patient", patientId)
                .setParameter("anchored", AnchorStatus.ANCHORED)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    /**
     * Up to {@code count} of a patient's records, newest first (by when each was stored here, then by id), those
     * after {@code olderThan} in that order when it is given (null: from the newest). Read along the index of that
     * order, so a page costs what it holds, not what the patient's history holds.
     */
    public List<HealthRecord> ofPatient(UUID patientId, HealthRecord olderThan, int count) {
        String olderOnly = olderThan == null ? ""
                : " and r.createdAt <= :olderAt and (r.createdAt < :olderAt or r.id < :olderId)";
        TypedQuery<HealthRecord> query = em.createQuery("select r from HealthRecord r where r.patientId = :patient"
                        + olderOnly + " order by r.createdAt desc, r.id desc", HealthRecord.class)
                .setParameter("patient", patientId)
                .setMaxResults(count);
        if (olderThan != null) {
            query.setParameter("olderAt", olderThan.createdAt()).setParameter("olderId", olderThan.id());
        }
        return query.getResultList();
    }

    /**
     * What the chain gets for a record: ids, pseudonym, envelope hash, category and bare media type (parameters
     * such as a file name stay on the node), no PHI.
     */
    public RecordAnchor anchorOf(String recordId) {
        HealthRecord record = em.find(HealthRecord.class, recordId);
        Pseudonym pseudonym = patients.custody(record.patientId()).pseudonym();
        return RecordAnchor.original(Bytes32.of(record.idBytes()), Bytes32.of(pseudonym.toBytes()),
                Bytes32.of(record.envelopeHash()), new Category(record.category()),
                RecordMetadata.mediaTypeOf(record.contentType()));
    }

    /** Marks the record anchored (in the outbox's transaction that removes the command); a second call changes
     * nothing. */
    public void anchored(String recordId, String transaction, Long block, Instant at) {
        HealthRecord record = em.find(HealthRecord.class, recordId);
        if (record != null && record.anchorStatus() != AnchorStatus.ANCHORED) {
            record.markAnchored(transaction, block, at);
        }
    }
}
