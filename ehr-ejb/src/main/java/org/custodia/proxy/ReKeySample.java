package org.custodia.proxy;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.sealing.KeyEncryptionKey;
import org.custodia.sealing.SealingException;
import org.custodia.sealing.WrappedKeySample;

/** One re-key this proxy holds, as a sample of what it seals. */
@ApplicationScoped
public class ReKeySample implements WrappedKeySample {

    @PersistenceContext(unitName = "custodia")
    private EntityManager em;

    @Override
    public String kind() {
        return "the re-keys this proxy holds (table proxy_re_key)";
    }

    @Override
    public Optional<Boolean> opensUnder(KeyEncryptionKey kek) {
        return em.createQuery("select k from ProxyReKey k", ProxyReKey.class).setMaxResults(1).getResultStream()
                .findFirst().map(row -> opens(row, kek));
    }

    static boolean opens(ProxyReKey row, KeyEncryptionKey kek) {
        try {
            kek.unwrap(row.sealedReKey(), row.id().sealingContext()).destroy();
            return true;
        } catch (SealingException e) {
            return false;
        }
    }
}
