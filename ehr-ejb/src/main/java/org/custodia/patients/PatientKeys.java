package org.custodia.patients;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import org.custodia.crypto.CryptoException;
import org.custodia.keys.KeyCustodyException;
import org.custodia.keys.KeyOwner;
import org.custodia.keys.NodeKeys;
import org.custodia.keys.WrappedKeyPair;

/**
 * Re-wraps, a batch of rows per transaction, the key pairs of patients registered before owner binding (format 1,
 * bound to the public key only) so that each is bound to its patient. Each row's public key, wrapped key and format
 * change in one update, so a run cut short leaves every row in one format or the other. Also finds the rows still in
 * format 1.
 */
@Stateless
public class PatientKeys {

    @PersistenceContext(unitName = "custodia")
    private EntityManager em;

    @Inject
    private NodeKeys keys;

    /**
     * What one batch did.
     *
     * @param read     how many format-1 rows it read (fewer than asked for: there are no more)
     * @param last     the id of the last row read, where the next batch starts
     * @param bound    how many of them it re-wrapped
     * @param unusable the patients whose row does not unwrap in format 1 (left as it is, and unusable)
     */
    public record Batch(int read, UUID last, int bound, List<UUID> unusable) {
    }

    /**
     * The patient key pairs in format 1.
     *
     * @param count how many there are
     * @param first the first of their patients in id order, as many as asked for at most
     */
    public record InFormat1(long count, List<UUID> first) {
    }

    /** How many patient key pairs are in format 1, with the first {@code max} of their patients in id order. */
    public InFormat1 inFormat1(int max) {
        long count = em.createQuery("select count(p) from Patient p where p.keyPair.wrapFormat = :legacy", Long.class)
                .setParameter("legacy", WrappedKeyPair.FINGERPRINT_BOUND)
                .getSingleResult();
        List<UUID> first = em.createQuery("select p.id from Patient p where p.keyPair.wrapFormat = :legacy "
                + "order by p.id", UUID.class)
                .setParameter("legacy", WrappedKeyPair.FINGERPRINT_BOUND)
                .setMaxResults(max)
                .getResultList();
        return new InFormat1(count, List.copyOf(first));
    }

    /**
     * Re-wraps up to {@code max} format-1 key pairs, in patient id order, after {@code after} ({@code null}: from the
     * first), in a transaction of its own.
     *
     * @throws org.custodia.kernel.DependencyUnavailableException if the key-encryption key cannot be opened
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Batch bindLegacyKeys(UUID after, int max) {
        TypedQuery<Patient> query = em.createQuery("select p from Patient p where p.keyPair.wrapFormat = :legacy"
                + (after == null ? "" : " and p.id > :after") + " order by p.id", Patient.class)
                .setParameter("legacy", WrappedKeyPair.FINGERPRINT_BOUND)
                .setMaxResults(max);
        if (after != null) {
            query.setParameter("after", after);
        }
        List<Patient> rows = query.getResultList();
        List<UUID> unusable = new ArrayList<>();
        for (Patient patient : rows) {
            try {
                patient.rebindKeyPair(keys.custody().bindToOwner(patient.keyPair(), KeyOwner.patient(patient.id())));
            } catch (KeyCustodyException | CryptoException e) {
                unusable.add(patient.id());
            }
        }
        UUID last = rows.isEmpty() ? after : rows.get(rows.size() - 1).id();
        return new Batch(rows.size(), last, rows.size() - unusable.size(), List.copyOf(unusable));
    }
}
