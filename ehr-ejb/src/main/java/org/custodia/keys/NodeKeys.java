package org.custodia.keys;

import java.security.SecureRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.custodia.crypto.ProxyReEncryptionKem;
import org.custodia.crypto.RecordEnvelopes;
import org.custodia.crypto.envelope.StreamingEnvelopes;
import org.custodia.crypto.pre.AfghKem;
import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.sealing.NodeSealing;

/**
 * The node's crypto suite and key custody: the PRE KEM, the record envelope format and the key-encryption key that
 * {@link NodeSealing} opens from the node keystore the first time a key is wrapped or unwrapped.
 */
@ApplicationScoped
public class NodeKeys {

    private ProxyReEncryptionKem kem;
    private RecordEnvelopes envelopes;
    private NodeSealing sealing;
    private volatile KeyCustody custody;

    protected NodeKeys() {
        // for CDI proxies
    }

    @Inject
    public NodeKeys(NodeSealing sealing) {
        this.sealing = sealing;
        this.kem = new AfghKem(new SecureRandom());
        this.envelopes = new StreamingEnvelopes(kem);
    }

    public RecordEnvelopes envelopes() {
        return envelopes;
    }

    /**
     * Custody over the node's key-encryption key.
     *
     * @throws DependencyUnavailableException if the keystore password is not configured, or the keystore cannot be
     *         created or opened with it (the message names the file and the property, never the password)
     */
    public KeyCustody custody() {
        KeyCustody opened = custody;
        if (opened == null) {
            synchronized (this) {
                if (custody == null) {
                    custody = new KeyCustody(kem, sealing.keyEncryptionKey());
                }
                opened = custody;
            }
        }
        return opened;
    }
}
