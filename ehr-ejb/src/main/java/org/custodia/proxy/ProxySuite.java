package org.custodia.proxy;

import java.security.SecureRandom;

import jakarta.enterprise.context.ApplicationScoped;

import org.custodia.crypto.ProxyReEncryptionKem;
import org.custodia.crypto.RecordEnvelopes;
import org.custodia.crypto.envelope.StreamingEnvelopes;
import org.custodia.crypto.pre.AfghKem;

/** The crypto suite as a proxy uses it: decoding public keys and re-keys, and re-encrypting envelopes. */
@ApplicationScoped
public class ProxySuite {

    private final ProxyReEncryptionKem kem;
    private final RecordEnvelopes envelopes;

    public ProxySuite() {
        this.kem = new AfghKem(new SecureRandom());
        this.envelopes = new StreamingEnvelopes(kem);
    }

    public ProxyReEncryptionKem kem() {
        return kem;
    }

    public RecordEnvelopes envelopes() {
        return envelopes;
    }
}
