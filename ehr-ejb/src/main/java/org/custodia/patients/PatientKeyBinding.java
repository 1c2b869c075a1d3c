package org.custodia.patients;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.sealing.NodeSealing;

/**
 * Binds every patient key pair still in format 1 to its patient, a batch at a time ({@link PatientKeys}): part of
 * the start-up step "binding wrapped keys to their owners" on a hospital. Safe to interrupt and to repeat: once every
 * row is bound, a run reads one empty batch and changes nothing.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PatientKeyBinding {

    private static final Logger LOG = Logger.getLogger(PatientKeyBinding.class.getName());
    static final int BATCH = 100;
    private static final int NAMED = 10;

    @EJB
    private PatientKeys patientKeys;

    /**
     * Re-wraps the patient key pairs still in format 1.
     *
     * @return how many it re-wrapped
     * @throws DependencyUnavailableException if the key-encryption key cannot be opened, or some rows do not unwrap in
     *         format 1 (named in the message; the others are re-wrapped all the same)
     */
    public int bindAll() {
        int bound = 0;
        List<UUID> unusable = new ArrayList<>();
        UUID after = null;
        PatientKeys.Batch batch;
        do {
            batch = patientKeys.bindLegacyKeys(after, BATCH);
            bound += batch.bound();
            unusable.addAll(batch.unusable());
            after = batch.last();
        } while (batch.read() == BATCH);
        if (bound > 0) {
            LOG.info("Re-wrapped " + bound + " patient key pairs bound to their patients (key wrapping format 2)");
        }
        if (!unusable.isEmpty()) {
            throw new DependencyUnavailableException(unusable.size() + " patient key pairs in format 1 do not unwrap "
                    + "under this node's key-encryption key, so those patients' records cannot be opened: "
                    + named(unusable) + "; check that " + NodeSealing.KEYSTORE_PROPERTY + " names the keystore they "
                    + "were wrapped under, else restore those patient rows from a backup of this node's database");
        }
        return bound;
    }

    private static String named(List<UUID> patients) {
        String first = String.join(", ", patients.stream().limit(NAMED).map(UUID::toString).toList());
        return "patients " + first + (patients.size() > NAMED ? " and " + (patients.size() - NAMED) + " more" : "");
    }
}
