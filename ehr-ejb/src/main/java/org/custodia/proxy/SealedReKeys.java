package org.custodia.proxy;

import java.time.Clock;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.crypto.InvalidKeyMaterialException;
import org.custodia.crypto.ReEncryptionKey;
import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.kernel.SecretAccess;
import org.custodia.kernel.SecretBytes;
import org.custodia.sealing.NodeSealing;
import org.custodia.sealing.SealingException;

/**
 * The re-keys this proxy holds, in {@code proxy_re_key}: sealed under the node's key-encryption key on the way in,
 * opened and decoded on the way out, each bound to its row's key. Every method runs in a transaction of its own (or
 * the caller's); the services that call the chain call these outside theirs.
 */
@Stateless
public class SealedReKeys {

    @PersistenceContext(unitName = "custodia")
    private EntityManager em;

    @Inject
    private NodeSealing sealing;

    @Inject
    private ProxySuite suite;

    private final Clock clock = Clock.systemUTC();

    /**
     * Seals {@code key} and stores it under {@code id}, replacing any re-key held there.
     *
     * @return whether one was replaced
     * @throws DependencyUnavailableException if the key-encryption key cannot be opened
     */
    public boolean put(ProxyReKeyId id, ReEncryptionKey key) {
        SecretBytes encoded = SecretBytes.adopt(key.toBytes());
        byte[] sealed;
        try {
            sealed = sealing.keyEncryptionKey().wrap(encoded, id.sealingContext());
        } finally {
            encoded.destroy();
        }
        ProxyReKey row = em.find(ProxyReKey.class, id);
        if (row != null) {
            row.replace(sealed, clock.instant());
            return true;
        }
        em.persist(new ProxyReKey(id, sealed, clock.instant()));
        return false;
    }

    /** Deletes the re-key under {@code id}; whether there was one. */
    public boolean remove(ProxyReKeyId id) {
        ProxyReKey row = em.find(ProxyReKey.class, id);
        if (row == null) {
            return false;
        }
        em.remove(row);
        return true;
    }

    /**
     * The re-key under {@code id}, opened and decoded.
     *
     * @throws DependencyUnavailableException if the row does not open under this node's key-encryption key (another
     *         keystore, or a row altered or moved from another key), or the key-encryption key cannot be opened
     */
    public Optional<ReEncryptionKey> find(ProxyReKeyId id) {
        ProxyReKey row = em.find(ProxyReKey.class, id);
        if (row == null) {
            return Optional.empty();
        }
        SecretBytes encoded;
        try {
            encoded = sealing.keyEncryptionKey().unwrap(row.sealedReKey(), id.sealingContext());
        } catch (SealingException e) {
            throw unreadable(id, e);
        }
        try {
            return Optional.of(encoded.read(SecretAccess.get(), suite.kem()::reEncryptionKey));
        } catch (InvalidKeyMaterialException e) {
            throw unreadable(id, e);
        } finally {
            encoded.destroy();
        }
    }

    /** How many re-keys this proxy holds. */
    public long count() {
        return em.createQuery("select count(k) from ProxyReKey k", Long.class).getSingleResult();
    }

    private static DependencyUnavailableException unreadable(ProxyReKeyId id, Exception e) {
        return new DependencyUnavailableException("the re-key held from " + id.custodian() + " for owner key "
                + id.ownerFingerprint() + " and " + id.delegatee() + " cannot be used: " + e.getMessage()
                + " (a keystore other than the one it was sealed under, or an altered row)", e);
    }
}
