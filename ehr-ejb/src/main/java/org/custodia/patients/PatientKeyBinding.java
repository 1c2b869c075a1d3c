package org.custodia.patients;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.keys.OwnKeyPairs;
import org.custodia.sealing.NodeKeystore;
import org.custodia.sealing.NodeSealing;

/**
 * The start-up step "binding wrapped keys to their owners" on a hospital. Until the node keystore records that every
 * key pair is bound to its owner, it re-wraps those still in format 1, this node's own ({@link OwnKeyPairs}) then the
 * patients', a batch at a time ({@link PatientKeys}), and once none is left writes that record
 * ({@link NodeSealing#recordKeysOwnerBound}). From then on, as from the start on a node whose keystore was created
 * since, it re-wraps nothing: a format-1 row can only have been written into the database since, by someone without
 * the keystore, so it stays unusable and is reported. Safe to interrupt and to repeat.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PatientKeyBinding {

    private static final Logger LOG = Logger.getLogger(PatientKeyBinding.class.getName());
    private static final int NAMED = 10;

    @EJB
    private PatientKeys patientKeys;

    /** Rows re-wrapped in one transaction. */
    private int batchSize = 100;

    @EJB
    private OwnKeyPairs ownKeyPair;

    @Inject
    private NodeSealing sealing;

    /**
     * Runs the step.
     *
     * @return how many patient key pairs it re-wrapped
     * @throws DependencyUnavailableException if the node keystore cannot be opened or rewritten, or some rows do not
     *         unwrap in format 1 (the patients' rows named in the message, or else the node's own row, which is
     *         then a suppressed exception of the patients'; the others are re-wrapped all the same, and nothing is
     *         recorded)
     */
    public int bindAll() {
        if (sealing.keysOwnerBound()) {
            inFormat1().ifPresent(rows -> LOG.severe("Key pairs in format 1 were written into the database after the "
                    + "upgrade bound every key of this node to its owner (as the node keystore records), so they "
                    + "cannot be trusted and are neither re-wrapped nor used: " + rows + "; restore those rows from a "
                    + "backup of this node's database taken since the keys were bound (key_wrap_format 2), or, if the "
                    + "whole database was restored from a backup taken before the upgrade, delete the entry "
                    + NodeKeystore.OWNER_BOUND_ALIAS + " from the node keystore (keytool, with its password) and "
                    + "restart to have them bound"));
            return 0;
        }
        DependencyUnavailableException ownRowUnusable = null;
        try {
            ownKeyPair.bindToOwner();
        } catch (DependencyUnavailableException e) {
            // the patients' rows are re-wrapped all the same: each opens their own records
            ownRowUnusable = e;
        }
        int bound;
        try {
            bound = bindPatientKeys();
        } catch (DependencyUnavailableException e) {
            if (ownRowUnusable != null) {
                e.addSuppressed(ownRowUnusable);
            }
            throw e;
        }
        if (ownRowUnusable != null) {
            throw ownRowUnusable;
        }
        Optional<String> written = inFormat1();
        if (written.isPresent()) {
            throw new DependencyUnavailableException("key pairs in format 1 were written while the others were being "
                    + "bound to their owners: " + written.get() + "; the step binds them at its next attempt");
        }
        sealing.recordKeysOwnerBound();
        LOG.info("Every wrapped key is bound to its owner, as the node keystore now records: key pairs in format 1 "
                + "are no longer re-wrapped");
        return bound;
    }

    /** Re-wraps the patient key pairs in format 1, a batch per transaction, and says how many. */
    private int bindPatientKeys() {
        int bound = 0;
        List<UUID> unusable = new ArrayList<>();
        UUID after = null;
        PatientKeys.Batch batch;
        do {
            batch = patientKeys.bindLegacyKeys(after, batchSize);
            bound += batch.bound();
            unusable.addAll(batch.unusable());
            after = batch.last();
        } while (batch.read() == batchSize);
        if (bound > 0) {
            LOG.info("Re-wrapped " + bound + " patient key pairs bound to their patients (key wrapping format 2)");
        }
        if (!unusable.isEmpty()) {
            throw new DependencyUnavailableException(unusable.size() + " patient key pairs in format 1 do not unwrap "
                    + "under this node's key-encryption key, so those patients' records cannot be opened: "
                    + named(unusable, unusable.size()) + "; check that " + NodeSealing.KEYSTORE_PROPERTY + " names "
                    + "the keystore they were wrapped under, else restore those patient rows from a backup of this "
                    + "node's database");
        }
        return bound;
    }

    /** The rows in format 1 as messages name them (ids only), if there are any. */
    private Optional<String> inFormat1() {
        List<String> rows = new ArrayList<>();
        if (ownKeyPair.inFormat1()) {
            rows.add("this hospital's own key pair");
        }
        PatientKeys.InFormat1 patients = patientKeys.inFormat1(NAMED);
        if (patients.count() > 0) {
            rows.add("the key pairs of " + named(patients.first(), patients.count()));
        }
        return rows.isEmpty() ? Optional.empty() : Optional.of(String.join(" and ", rows));
    }

    private static String named(List<UUID> patients, long count) {
        String first = String.join(", ", patients.stream().limit(NAMED).map(UUID::toString).toList());
        return "patients " + first + (count > NAMED ? " and " + (count - NAMED) + " more" : "");
    }
}
