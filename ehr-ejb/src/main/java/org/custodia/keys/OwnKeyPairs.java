package org.custodia.keys;

import java.time.Clock;
import java.util.logging.Logger;

import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;


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
            row = new OwnKeyPair(keys.custody().generate(), clock.instant());
            em.persist(row);
            LOG.info("Created this hospital's PRE key pair (private key wrapped under the node key-encryption key)");
        }
        return row.keyPair();
    }
}
