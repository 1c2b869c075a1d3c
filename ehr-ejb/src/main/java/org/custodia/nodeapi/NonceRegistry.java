package org.custodia.nodeapi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.persistence.UniqueViolation;

/**
 * The node's {@link ReplayGuard}: the nonces of accepted node-to-node calls in the database ({@code node_call_nonce}),
 * each until its signature turns stale, so a call is accepted once across restarts and concurrent requests alike.
 * {@link NonceExpiry} purges the expired rows.
 */
@Stateless
@LocalBean
public class NonceRegistry implements ReplayGuard {

    @PersistenceContext(unitName = "custodia")
    private EntityManager em;

    /**
     * Inserts the pair in its own transaction, committed before the call is served; a second insert of the same pair
     * fails on the primary key, so of two concurrent requests exactly one sees {@code true}.
     *
     * @throws DependencyUnavailableException when the database cannot record the nonce
     */
    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean firstUse(String keyid, String nonce, Instant created, Duration window) {
        Objects.requireNonNull(window, "the signature window is missing");
        try {
            em.persist(new SeenNonce(keyid, nonce, created, created.plus(window)));
            em.flush();
            return true;
        } catch (PersistenceException e) {
            if (UniqueViolation.causedBy(e)) {
                // the transaction is marked for rollback; the container rolls it back when this returns
                return false;
            }
            throw new DependencyUnavailableException("the database cannot record the nonce of a node-to-node call, "
                    + "so node calls are refused for now (check the jdbc/custodia connection pool)", e);
        }
    }

    /**
     * Deletes the nonces whose signatures were stale before {@code now}.
     *
     * @return how many were deleted
     */
    public int purgeExpired(Instant now) {
        return em.createQuery("delete from SeenNonce n where n.expiresAt < :now")
                .setParameter("now", now)
                .executeUpdate();
    }

}
