package org.custodia.sharing;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.persistence.EntityManagerFactory;

import org.custodia.persistence.TestPersistenceUnit;
import org.custodia.testing.Beans;

/** A {@link ConsentSendJournal} on a test database, each call in a transaction of its own, as the container runs it. */
class TransactionalConsentSendJournal extends ConsentSendJournal {

    private final EntityManagerFactory emf;

    TransactionalConsentSendJournal(EntityManagerFactory emf) {
        this.emf = emf;
    }

    private synchronized <T> T inTransaction(Supplier<T> work) {
        return TestPersistenceUnit.inTransaction(emf, em -> {
            Beans.inject(this, ConsentSendJournal.class, "em", em);
            return work.get();
        });
    }

    @Override
    public Optional<PendingConsentSends.Sending> find(String changeDigest) {
        return inTransaction(() -> super.find(changeDigest));
    }

    @Override
    public void claim(String changeDigest, Instant startedAt) {
        inTransaction(() -> {
            super.claim(changeDigest, startedAt);
            return null;
        });
    }

    @Override
    public void unconfirmed(String changeDigest, PendingConsentSends.Sending sending) {
        inTransaction(() -> {
            super.unconfirmed(changeDigest, sending);
            return null;
        });
    }

    @Override
    public void settled(String changeDigest, Instant startedAt) {
        inTransaction(() -> {
            super.settled(changeDigest, startedAt);
            return null;
        });
    }

    @Override
    public void forgetOld(Instant now) {
        inTransaction(() -> {
            super.forgetOld(now);
            return null;
        });
    }

    /** Deletes every row, as before a test. */
    void clear() {
        TestPersistenceUnit.inTransaction(emf, em -> em.createQuery("delete from ConsentSend").executeUpdate());
    }
}
