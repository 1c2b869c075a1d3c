package org.custodia.sealing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.custodia.kernel.ConfiguredSecret;
import org.custodia.kernel.DependencyUnavailableException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The node's key-encryption key, from the node keystore at {@code custodia.keys.keystore-file}, opened (or created,
 * on first start) with the password in {@code custodia.keys.keystore-password} the first time it is asked for, and
 * checked against the check value the database records ({@link KeyCheckRecord}). The one way every role opens it: a
 * hospital wraps its PRE private keys under it, a proxy seals the re-keys it holds. A hospital also keeps there the
 * record that every key pair it stored is bound to its owner ({@link #keysOwnerBound}).
 */
@ApplicationScoped
public class NodeSealing {

    /** The property naming the keystore file. */
    public static final String KEYSTORE_PROPERTY = "custodia.keys.keystore-file";
    /** The secret property holding the keystore password. */
    public static final String PASSWORD_PROPERTY = "custodia.keys.keystore-password";

    private Config config;
    private String keystoreFile;
    private KeyCheckRecord checks;
    private Iterable<? extends WrappedKeySample> samples;
    private SecureRandom random;
    private volatile KeyEncryptionKey kek;

    protected NodeSealing() {
        // for CDI proxies
    }

    @Inject
    public NodeSealing(Config config, @ConfigProperty(name = KEYSTORE_PROPERTY) String keystoreFile,
            KeyCheckRecord checks, @Any Instance<WrappedKeySample> samples) {
        this(config, keystoreFile, checks, (Iterable<WrappedKeySample>) samples);
    }

    /** With the samples of the stored keys given; {@code samples} is read only when no check value is recorded. */
    public NodeSealing(Config config, String keystoreFile, KeyCheckRecord checks,
            Iterable<? extends WrappedKeySample> samples) {
        this.config = config;
        this.keystoreFile = keystoreFile;
        this.checks = checks;
        this.samples = samples;
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

    /**
     * Whether the node keystore records that every PRE key pair this node stored is bound to its owner: from its
     * creation on a node that never wrapped a key the old way, since {@link #recordKeysOwnerBound} on an upgraded one.
     * The database cannot change the answer: the record is covered by the keystore's integrity check.
     *
     * @throws DependencyUnavailableException as {@link #keyEncryptionKey()} does
     */
    public boolean keysOwnerBound() {
        keyEncryptionKey(); // opens the keystore first: on a new node, this creates it, record included
        return withKeystore(NodeKeystore::keysOwnerBound);
    }

    /**
     * Records in the node keystore that every PRE key pair this node stored is bound to its owner (the keystore is
     * rewritten atomically); from then on, {@link #keysOwnerBound()} is true.
     *
     * @throws DependencyUnavailableException as {@link #keyEncryptionKey()} does, or if the keystore cannot be
     *         rewritten
     */
    public void recordKeysOwnerBound() {
        withKeystore((file, password) -> {
            NodeKeystore.recordKeysOwnerBound(file, password, random);
            return null;
        });
    }

    /**
     * Opens the keystore, or creates it on a new node (no check value recorded, no wrapped key stored). The key it
     * holds must be the one whose check value the database records; a node that recorded none records it now (new, or
     * from before the record: then only once it opens a stored key of each kind). So a keystore that is missing (a secrets volume not mounted, a mistyped path) or
     * another one never gets keys wrapped under a key that would open none of those already stored.
     */
    private KeyEncryptionKey open() {
        refuseToReplaceAnEarlierKeystore();
        Path file = Path.of(keystoreFile);
        Optional<String> recorded = checks.recorded();
        if (!Files.exists(file) && (recorded.isPresent() || checks.keysStored())) {
            throw new DependencyUnavailableException("key custody is not available: the node keystore " + file
                    + " does not exist, but the keys in this node's database are wrapped under the key-encryption "
                    + "key it held, and a new key would open none of them; make the keystore available there again "
                    + "(mount or restore the secrets directory) or set " + KEYSTORE_PROPERTY + " to where it is, "
                    + "then restart");
        }
        KeyEncryptionKey opened = withKeystore((keystore, password) -> NodeKeystore.openOrCreate(keystore, password,
                random));
        String check = opened.checkValue();
        if (recorded.isEmpty()) {
            if (checks.keysStored()) {
                requireOpensStoredKeys(opened, file);
            }
            checks.record(check);
        } else if (!recorded.get().equals(check)) {
            throw new DependencyUnavailableException("key custody is not available: the node keystore " + file
                    + " holds another key-encryption key than the one the keys in this node's database are wrapped "
                    + "under (the database records its check value); set " + KEYSTORE_PROPERTY + " to this node's "
                    + "keystore, or restore it from the secrets directory's backup, then restart");
        }
        return opened;
    }

    /**
     * A node from before the check value: the keystore's key is recorded only once it opens a stored key of every kind
     * the node holds, so that another keystore at the configured path is not adopted for good.
     */
    private void requireOpensStoredKeys(KeyEncryptionKey opened, Path file) {
        for (WrappedKeySample sample : samples) {
            if (sample.opensUnder(opened).equals(Optional.of(false))) {
                throw new DependencyUnavailableException("key custody is not available: the node keystore " + file
                        + " holds another key-encryption key than the one that wraps " + sample.kind() + " (this "
                        + "node's database records no check value yet, so nothing was recorded); set "
                        + KEYSTORE_PROPERTY + " to the keystore this node's keys were wrapped under, then restart");
            }
        }
    }

    /**
     * Earlier versions kept the keystore in {@code <data dir>/secrets}. A node whose keystore is not where it is
     * configured but still there must not create a new key-encryption key, which would open none of the keys the
     * earlier one wrapped.
     */
    private void refuseToReplaceAnEarlierKeystore() {
        Path configured = Path.of(keystoreFile);
        if (Files.exists(configured)) {
            return;
        }
        config.getOptionalValue("custodia.data.dir", String.class)
                .map(dataDirectory -> Path.of(dataDirectory, "secrets", configured.getFileName().toString()))
                .filter(Files::exists)
                .ifPresent(earlier -> {
                    throw new DependencyUnavailableException("key custody is not available: the node keystore is "
                            + "not at " + configured + " (" + KEYSTORE_PROPERTY + ") but at " + earlier + ", inside "
                            + "the data directory, where earlier versions kept it; run provision-domain.sh again "
                            + "(it moves the secrets out of the data directory) or set " + KEYSTORE_PROPERTY);
                });
    }

    /** Runs {@code action} on the keystore file with the configured password, wiped afterwards. */
    private <T> T withKeystore(KeystoreAction<T> action) {
        char[] password = ConfiguredSecret.read(config, PASSWORD_PROPERTY).require().toCharArray();
        try {
            return action.apply(Path.of(keystoreFile), password);
        } catch (SealingException e) {
            throw new DependencyUnavailableException("key custody is not available: " + e.getMessage()
                    + " (" + KEYSTORE_PROPERTY + ", " + PASSWORD_PROPERTY + ")", e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Something done with the node keystore. */
    @FunctionalInterface
    private interface KeystoreAction<T> {
        T apply(Path file, char[] password) throws SealingException;
    }
}
