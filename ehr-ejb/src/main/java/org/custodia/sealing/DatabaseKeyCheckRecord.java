package org.custodia.sealing;

import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The key check value in table {@code key_encryption_key_check} (one row), read and written in transactions of their
 * own: it is asked for the first time the keystore is opened, whatever the caller's transaction does.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class DatabaseKeyCheckRecord implements KeyCheckRecord {

    @PersistenceContext(unitName = "custodia")
    private EntityManager entityManager;

    @Override
    public Optional<String> recorded() {
        return entityManager.createNativeQuery("select check_value from key_encryption_key_check where id = 1",
                String.class).getResultStream().findFirst().map(String.class::cast);
    }

    /** Looks at the tables that hold wrapped keys: this hospital's own key pair, its patients', a proxy's re-keys. */
    @Override
    public boolean keysStored() {
        return !entityManager.createNativeQuery("select 1 from hospital union all select 1 from patient "
                + "union all select 1 from proxy_re_key").setMaxResults(1).getResultList().isEmpty();
    }

    @Override
    public void record(String checkValue) {
        entityManager.createNativeQuery("insert into key_encryption_key_check (id, check_value) values (1, ?1)")
                .setParameter(1, checkValue).executeUpdate();
    }
}
