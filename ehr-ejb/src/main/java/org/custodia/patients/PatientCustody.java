package org.custodia.patients;

import java.util.UUID;

import org.custodia.keys.KeyOwner;
import org.custodia.keys.WrappedKeyPair;

/**
 * A patient as the node's other services use it: the pseudonym that stands for the patient on chain and the
 * patient's PRE key pair, its private key wrapped under the node's key-encryption key bound to {@link #keyOwner()}.
 */
public record PatientCustody(UUID patientId, Pseudonym pseudonym, WrappedKeyPair keyPair) {

    /** Whom the key pair must unwrap for: this patient. */
    public KeyOwner keyOwner() {
        return KeyOwner.patient(patientId);
    }
}
