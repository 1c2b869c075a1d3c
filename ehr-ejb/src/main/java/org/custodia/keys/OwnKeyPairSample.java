package org.custodia.keys;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.sealing.KeyEncryptionKey;
import org.custodia.sealing.WrappedKeySample;

/** This hospital's own key pair as a sample of the keys it stores, in either wrapping format. */
@ApplicationScoped
public class OwnKeyPairSample implements WrappedKeySample {

    @PersistenceContext(unitName = "custodia")
    private EntityManager em;

    @Override
    public String kind() {
        return "this hospital's own key pair (table hospital)";
    }

    @Override
    public Optional<Boolean> opensUnder(KeyEncryptionKey kek) {
        OwnKeyPair row = em.find(OwnKeyPair.class, OwnKeyPair.THIS_NODE);
        return row == null ? Optional.empty() : Optional.of(row.keyPair().opensUnder(KeyOwner.node(), kek));
    }
}
