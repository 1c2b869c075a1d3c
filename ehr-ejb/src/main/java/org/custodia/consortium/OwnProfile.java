package org.custodia.consortium;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.crypto.CryptoException;
import org.custodia.crypto.KeyFingerprint;
import org.custodia.keys.KeyCustodyException;
import org.custodia.keys.KeyOwner;
import org.custodia.keys.NodeKeys;
import org.custodia.keys.OwnKeyPairs;
import org.custodia.keys.WrappedKeyPair;
import org.custodia.outbox.Outbox;

/**
 * This hospital as the consortium should see it: its endpoint and its PRE public key, published on chain through
 * the outbox whenever the node starts (the command sends nothing when the chain already holds them).
 */
@Stateless
public class OwnProfile {

    @EJB
    private OwnKeyPairs ownKeyPairs;

    @EJB
    private Outbox outbox;

    @Inject
    private NodeKeys keys;

    /** Queues the publication of the current endpoint and key; created with the key pair if there is none yet. */
    public void publishOnChain() {
        outbox.enqueue(OwnProfileCommand.KIND, fingerprint());
    }

    /**
     * The encoding of this hospital's PRE public key (146 bytes), proven to be its own: its private key unwraps as
     * this node's ({@link org.custodia.keys.KeyCustody#provenPublicKey}).
     *
     * @throws KeyCustodyException if it does not (a row replaced or restored from another node, another keystore)
     * @throws CryptoException     if the stored public key does not decode
     */
    public byte[] publicKey() throws KeyCustodyException, CryptoException {
        WrappedKeyPair pair = ownKeyPairs.current();
        keys.custody().provenPublicKey(pair, KeyOwner.node());
        return pair.publicKey();
    }

    private String fingerprint() {
        return KeyFingerprint.ofPublicKey(ownKeyPairs.current().publicKey()).toString();
    }
}
