package org.custodia.patients;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.keys.KeyOwner;
import org.custodia.sealing.KeyEncryptionKey;
import org.custodia.sealing.WrappedKeySample;

/** One patient's key pair as a sample of the keys this hospital stores, in either wrapping format. */
@ApplicationScoped
public class PatientKeySample implements WrappedKeySample {

    @PersistenceContext(unitName = "custodia")
    private EntityManager em;

    @Override
    public String kind() {
        return "the patients' key pairs (table patient)";
    }

    @Override
    public Optional<Boolean> opensUnder(KeyEncryptionKey kek) {
        return em.createQuery("select p from Patient p", Patient.class).setMaxResults(1).getResultStream().findFirst()
                .map(patient -> patient.keyPair().opensUnder(KeyOwner.patient(patient.id()), kek));
    }
}
