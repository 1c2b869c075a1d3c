package org.custodia.consortium;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import org.custodia.crypto.KeyFingerprint;
import org.custodia.keys.OwnKeyPairs;
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

    /** Queues the publication of the current endpoint and key; created with the key pair if there is none yet. */
    public void publishOnChain() {
        outbox.enqueue(OwnProfileCommand.KIND, fingerprint());
    }

    /** The encoding of this hospital's PRE public key (146 bytes). */
    public byte[] publicKey() {
        return ownKeyPairs.current().publicKey();
    }

    private String fingerprint() {
        return KeyFingerprint.ofPublicKey(publicKey()).toString();
    }
}
