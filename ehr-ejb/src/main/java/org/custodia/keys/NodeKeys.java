package org.custodia.keys;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.custodia.crypto.ProxyReEncryptionKem;
import org.custodia.crypto.RecordEnvelopes;
import org.custodia.crypto.envelope.StreamingEnvelopes;
import org.custodia.crypto.pre.AfghKem;
import org.custodia.kernel.ConfiguredSecret;
import org.custodia.kernel.DependencyUnavailableException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The node's crypto suite and key custody: the PRE KEM, the record envelope format and the key-encryption key from
 * the node keystore at {@code custodia.keys.keystore-file}, opened (or created, on first start) with the password
 * in {@code custodia.keys.keystore-password} the first time a key is wrapped or unwrapped.
 */
@ApplicationScoped
public class NodeKeys {

    static final String PASSWORD_PROPERTY = "custodia.keys.keystore-password";

    private SecureRandom random;
    private ProxyReEncryptionKem kem;
    private RecordEnvelopes envelopes;
    private Config config;
    private String keystoreFile;
    private volatile KeyCustody custody;

    protected NodeKeys() {
        // for CDI proxies
    }

    @Inject
    public NodeKeys(Config config, @ConfigProperty(name = "custodia.keys.keystore-file") String keystoreFile) {
        this.config = config;
        this.keystoreFile = keystoreFile;
        this.random = new SecureRandom();
        this.kem = new AfghKem(random);
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
                    custody = open();
                }
                opened = custody;
            }
        }
        return opened;
    }

    private KeyCustody open() {
        char[] password = ConfiguredSecret.read(config, PASSWORD_PROPERTY).require().toCharArray();
        try {
            return KeyCustody.open(kem, Path.of(keystoreFile), password, random);
        } catch (KeyCustodyException e) {
            throw new DependencyUnavailableException("key custody is not available: " + e.getMessage()
                    + " (custodia.keys.keystore-file, " + PASSWORD_PROPERTY + ")", e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
