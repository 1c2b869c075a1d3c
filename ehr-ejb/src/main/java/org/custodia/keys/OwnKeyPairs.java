package org.custodia.keys;

import java.time.Clock;
import java.util.logging.Logger;

import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.crypto.CryptoException;
import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.sealing.NodeSealing;

/**
 * The node's own PRE key pair (the hospital key records are re-encrypted for): created and wrapped the first time
 * it is asked for (normally at start-up), then read from the single {@code hospital} row. A singleton, so two first
 * uses cannot both create it.
 */
@Singleton
public class OwnKeyPairs {

    private static final Logger LOG = Logger.getLogger(OwnKeyPairs.class.getName());

    @PersistenceContext(unitName = "custodia")
    private EntityManager em;

    @Inject
    private NodeKeys keys;

    private final Clock clock = Clock.systemUTC();

    /** The key pair row, created with a fresh wrapped key pair if there is none yet. */
    public WrappedKeyPair current() {
        OwnKeyPair row = em.find(OwnKeyPair.class, OwnKeyPair.THIS_NODE);
        if (row == null) {
            row = new OwnKeyPair(keys.custody().generate(KeyOwner.node()), clock.instant());
            em.persist(row);
            LOG.info("Created this hospital's PRE key pair (private key wrapped under the node key-encryption key)");
        }
        return row.keyPair();
    }

    /**
     * Re-wraps the key pair row bound to this node if it is still in format 1 (written before owner binding); does
     * nothing otherwise. Part of the start-up step "binding wrapped keys to their owners", before anything unwraps
     * the key, and only until the node keystore records that every key is bound ({@link NodeSealing#keysOwnerBound}).
     *
     * @throws DependencyUnavailableException if the key-encryption key cannot be opened, or the row does not unwrap in
     *         format 1 (it stays unusable)
     */
    public void bindToOwner() {
        OwnKeyPair row = em.find(OwnKeyPair.class, OwnKeyPair.THIS_NODE);
        if (row == null || row.keyPair().isOwnerBound()) {
            return;
        }
        try {
            row.rebind(keys.custody().bindToOwner(row.keyPair(), KeyOwner.node()));
        } catch (KeyCustodyException | CryptoException e) {
            throw new DependencyUnavailableException("this hospital's own key pair (row hospital, format 1) does not "
                    + "unwrap under this node's key-encryption key: " + e.getMessage() + "; check that "
                    + NodeSealing.KEYSTORE_PROPERTY + " names the keystore it was wrapped under, else restore the row "
                    + "from a backup of this node's database", e);
        }
        LOG.info("Re-wrapped this hospital's PRE key pair bound to its owner (key wrapping format 2)");
    }

    /** Whether the key pair row exists and is in format 1 (bound to its public key only), so does not unwrap. */
    public boolean inFormat1() {
        OwnKeyPair row = em.find(OwnKeyPair.class, OwnKeyPair.THIS_NODE);
        return row != null && !row.keyPair().isOwnerBound();
    }
}
