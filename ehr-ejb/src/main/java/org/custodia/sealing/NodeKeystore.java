package org.custodia.sealing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;

import javax.crypto.KeyGenerator;

import org.custodia.kernel.AtomicFiles;

/**
 * The node's PKCS#12 keystore holding its AES-256 key-encryption key under {@link #KEK_ALIAS}. Created on first
 * start (owner-only permissions, written atomically); later starts open it. The store password protects the key
 * entry too.
 */
public final class NodeKeystore {

    /** Alias of the key-encryption key. */
    public static final String KEK_ALIAS = "custodia-kek";

    private NodeKeystore() {
    }

    /**
     * Opens the keystore at {@code file}, creating it with a fresh key-encryption key if it does not exist.
     *
     * @throws SealingException if the keystore cannot be created, read or opened with this password
     */
    public static KeyEncryptionKey openOrCreate(Path file, char[] password, SecureRandom random)
            throws SealingException {
        if (password == null || password.length == 0) {
            throw new SealingException("no keystore password configured for " + file
                    + " (set custodia.keys.keystore-password: in a domain, the password alias of that name)");
        }
        if (!Files.exists(file)) {
            create(file, password, random);
        }
        return KeyEncryptionKey.load(file, password, KEK_ALIAS, password, random);
    }

    private static void create(Path file, char[] password, SecureRandom random) throws SealingException {
        Path directory = file.toAbsolutePath().getParent();
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, random);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setEntry(KEK_ALIAS, new KeyStore.SecretKeyEntry(generator.generateKey()),
                    new KeyStore.PasswordProtection(password));
            temporary = Files.createTempFile(directory, ".keystore-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(temporary)) {
                store.store(out, password);
            }
            AtomicFiles.publish(temporary, file);
        } catch (IOException e) {
            throw new SealingException("cannot create the node keystore " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new SealingException("cannot create an AES-256 key in a PKCS#12 keystore", e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary != null) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the keystore outcome is already decided; a stray temporary file holds no usable secret alone
            }
        }
    }
}
