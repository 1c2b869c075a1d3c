package org.custodia.sealing;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.custodia.kernel.ConfiguredSecret;
import org.custodia.kernel.DependencyUnavailableException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The node's key-encryption key, from the node keystore at {@code custodia.keys.keystore-file}, opened (or created,
 * on first start) with the password in {@code custodia.keys.keystore-password} the first time it is asked for. The
 * one way every role opens it: a hospital wraps its PRE private keys under it, a proxy seals the re-keys it holds.
 */
@ApplicationScoped
public class NodeSealing {

    /** The property naming the keystore file. */
    public static final String KEYSTORE_PROPERTY = "custodia.keys.keystore-file";
    /** The secret property holding the keystore password. */
    public static final String PASSWORD_PROPERTY = "custodia.keys.keystore-password";

    private Config config;
    private String keystoreFile;
    private SecureRandom random;
    private volatile KeyEncryptionKey kek;

    protected NodeSealing() {
        // for CDI proxies
    }

    @Inject
    public NodeSealing(Config config, @ConfigProperty(name = KEYSTORE_PROPERTY) String keystoreFile) {
        this.config = config;
        this.keystoreFile = keystoreFile;
        this.random = new SecureRandom();
    }

    /**
     * The key-encryption key.
     *
     * @throws DependencyUnavailableException if the keystore password is not configured, or the keystore cannot be
     *         created or opened with it (the message names the file and the property, never the password)
     */
    public KeyEncryptionKey keyEncryptionKey() {
        KeyEncryptionKey opened = kek;
        if (opened == null) {
            synchronized (this) {
                if (kek == null) {
                    kek = open();
                }
                opened = kek;
            }
        }
        return opened;
    }

    private KeyEncryptionKey open() {
        char[] password = ConfiguredSecret.read(config, PASSWORD_PROPERTY).require().toCharArray();
        try {
            return NodeKeystore.openOrCreate(Path.of(keystoreFile), password, random);
        } catch (SealingException e) {
            throw new DependencyUnavailableException("key custody is not available: " + e.getMessage()
                    + " (" + KEYSTORE_PROPERTY + ", " + PASSWORD_PROPERTY + ")", e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
