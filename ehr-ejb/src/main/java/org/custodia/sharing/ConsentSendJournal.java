package org.custodia.sharing;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.ledger.api.Bytes32;

/**
 * Keeps {@link PendingConsentSends}' changes in the database ({@link ConsentSend}), so that a node that restarts still
 * holds back a change whose outcome it does not know. Each call is a transaction of its own, committed before the
 * caller goes on: a change's row is in the database before its transaction is sent.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ConsentSendJournal {

    /** How long a row is kept, whatever it says: no consent transaction waits in a chain node's pool that long. */
    static final Duration KEPT_FOR = Duration.ofDays(7);

    @PersistenceContext(unitName = "custodia")
    private EntityManager em;

    /** What the journal holds for the change with this digest. */
    public Optional<PendingConsentSends.Sending> find(String changeDigest) {
        return Optional.ofNullable(em.find(ConsentSend.class, changeDigest))
                .map(row -> new PendingConsentSends.Sending(row.startedAt(), row.unconfirmedSince(),
                        Optional.ofNullable(row.transactionHash()).map(Bytes32::fromHex)));
    }

    /** Notes that the change with this digest is being sent, in place of whatever was noted for it before. */
    public void claim(String changeDigest, Instant startedAt) {
        em.merge(new ConsentSend(changeDigest, startedAt, null, null));
    }

    /**
     * Notes that the outcome of sending the change with this digest, begun at {@code sending.startedAt()}, is not
     * known; changes nothing if another claim on the same change has replaced that one.
     */
    public void unconfirmed(String changeDigest, PendingConsentSends.Sending sending) {
        em.createQuery("update ConsentSend s set s.unconfirmedSince = :since, s.transactionHash = :transaction "
                        + "where s.changeDigest = :digest and s.startedAt = :startedAt")
                .setParameter("since", sending.unconfirmedSince().truncatedTo(ChronoUnit.MICROS))
                .setParameter("transaction", sending.transaction().map(Bytes32::toString).orElse(null))
                .setParameter("digest", changeDigest)
                .setParameter("startedAt", sending.startedAt().truncatedTo(ChronoUnit.MICROS))
                .executeUpdate();
    }

    /**
     * Forgets the change with this digest, begun at {@code startedAt}: it took effect, or cannot have. Changes nothing
     * if another claim on the same change has replaced that one.
     */
    public void settled(String changeDigest, Instant startedAt) {
        em.createQuery("delete from ConsentSend s where s.changeDigest = :digest and s.startedAt = :startedAt")
                .setParameter("digest", changeDigest)
                .setParameter("startedAt", startedAt.truncatedTo(ChronoUnit.MICROS))
                .executeUpdate();
    }

    /** Deletes the rows whose last change is older than {@link #KEPT_FOR} before {@code now}. */
    public void forgetOld(Instant now) {
        em.createQuery("delete from ConsentSend s where coalesce(s.unconfirmedSince, s.startedAt) < :cut")
                .setParameter("cut", now.minus(KEPT_FOR).truncatedTo(ChronoUnit.MICROS))
                .executeUpdate();
    }
}
