package org.custodia.sealing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.SecureRandom;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

import org.custodia.kernel.AtomicFiles;

/**
 * The node's PKCS#12 keystore holding its AES-256 key-encryption key under {@link #KEK_ALIAS} and, under
 * {@link #OWNER_BOUND_ALIAS}, the record that every PRE key pair the node stored is wrapped bound to its owner.
 * Created on first start (owner-only permissions, written atomically) with both, since a new node never wrapped a key
 * the old way; later starts open it. The store password protects the key entries too, and the store's integrity check
 * (its MAC, keyed by the same password) covers every entry: the record cannot be added or removed without it.
 */
public final class NodeKeystore {

    /** Alias of the key-encryption key. */
    public static final String KEK_ALIAS = "custodia-kek";
    /** Alias of the record that every stored key pair is bound to its owner: only its presence counts. */
    public static final String OWNER_BOUND_ALIAS = "custodia-keys-owner-bound";

    private static final String TEMPORARY_PREFIX = ".keystore-";
    private static final String TEMPORARY_SUFFIX = ".tmp";

    private NodeKeystore() {
    }

    /**
     * Opens the keystore at {@code file}, creating it with a fresh key-encryption key (and the owner-bound record)
     * if it does not exist; temporary copies an interrupted write left next to it are deleted.
     *
     * @throws SealingException if the keystore cannot be created, read or opened with this password
     */
    public static KeyEncryptionKey openOrCreate(Path file, char[] password, SecureRandom random)
            throws SealingException {
        requirePassword(file, password);
        if (!Files.exists(file)) {
            create(file, password, random);
        } else {
            try {
                deleteInterruptedWrites(file.toAbsolutePath().getParent());
            } catch (IOException e) {
                throw new SealingException("cannot delete the temporary copies an interrupted write of the node "
                        + "keystore left next to " + file + ": " + e.getMessage(), e);
            }
        }
        return KeyEncryptionKey.load(file, password, KEK_ALIAS, password, random);
    }

    /**
     * Whether the keystore records that every PRE key pair the node stored is bound to its owner: from its creation,
     * or since {@link #recordKeysOwnerBound} on a keystore from before owner binding.
     *
     * @throws SealingException if the keystore cannot be read, or does not pass its integrity check with this password
     */
    public static boolean keysOwnerBound(Path file, char[] password) throws SealingException {
        requirePassword(file, password);
        KeyStore store = KeyEncryptionKey.readKeystore(file, password);
        try {
            return store.containsAlias(OWNER_BOUND_ALIAS);
        } catch (KeyStoreException e) {
            throw new SealingException("cannot list the entries of PKCS#12 keystore " + file, e);
        }
    }

    /**
     * Records that every PRE key pair the node stored is bound to its owner: the keystore is rewritten atomically with
     * the record added and its other entries as they were. Does nothing if it is already recorded.
     *
     * @throws SealingException if the keystore cannot be read with this password or cannot be rewritten (it is then
     *         left as it was)
     */
    public static void recordKeysOwnerBound(Path file, char[] password, SecureRandom random)
            throws SealingException {
        requirePassword(file, password);
        KeyStore store = KeyEncryptionKey.readKeystore(file, password);
        try {
            if (store.containsAlias(OWNER_BOUND_ALIAS)) {
                return;
            }
            addOwnerBound(store, password, random);
        } catch (GeneralSecurityException e) {
            throw new SealingException("cannot add entry \"" + OWNER_BOUND_ALIAS + "\" to PKCS#12 keystore " + file, e);
        }
        write(store, file, password, true);
    }

    /** Refuses a missing password: without one, a PKCS#12 keystore is read without its integrity check. */
    private static void requirePassword(Path file, char[] password) throws SealingException {
        if (password == null || password.length == 0) {
            throw new SealingException("no keystore password configured for " + file
                    + " (set custodia.keys.keystore-password: in a domain, the password alias of that name)");
        }
    }

    /**
     * Creates the keystore with a new key-encryption key, unless one appeared at {@code file} meanwhile (another
     * process starting on the same keystore path): that one is kept, never replaced, as keys may be wrapped under it.
     */
    static void create(Path file, char[] password, SecureRandom random) throws SealingException {
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setEntry(KEK_ALIAS, new KeyStore.SecretKeyEntry(aesKey(random)),
                    new KeyStore.PasswordProtection(password));
            addOwnerBound(store, password, random);
        } catch (IOException | GeneralSecurityException e) {
            throw new SealingException("cannot create an AES-256 key in a PKCS#12 keystore", e);
        }
        write(store, file, password, false); // not written if another process created one first: theirs is kept
    }

    /** Adds the owner-bound record: an AES key that nothing uses, protected like the key-encryption key. */
    private static void addOwnerBound(KeyStore store, char[] password, SecureRandom random)
            throws GeneralSecurityException {
        store.setEntry(OWNER_BOUND_ALIAS, new KeyStore.SecretKeyEntry(aesKey(random)),
                new KeyStore.PasswordProtection(password));
    }

    private static SecretKey aesKey(SecureRandom random) throws GeneralSecurityException {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256, random);
        return generator.generateKey();
    }

    /**
     * Writes {@code store} to {@code file} through an owner-only temporary file next to it, published atomically:
     * replacing the file there, or only if there is none. Temporary files an interrupted write left are deleted first:
     * each is a copy of the keystore, which after a password change would still open with the old password.
     *
     * @return false if {@code replace} is false and a file was there, which is kept
     */
    private static boolean write(KeyStore store, Path file, char[] password, boolean replace)
            throws SealingException {
        Path directory = file.toAbsolutePath().getParent();
        Path temporary = null;
        try {
            AtomicFiles.createDirectories(directory);
            deleteInterruptedWrites(directory);
            temporary = Files.createTempFile(directory, TEMPORARY_PREFIX, TEMPORARY_SUFFIX,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(temporary)) {
                store.store(out, password);
            }
            if (replace) {
                AtomicFiles.publish(temporary, file);
            } else {
                try {
                    AtomicFiles.publishNew(temporary, file);
                } catch (FileAlreadyExistsException e) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new SealingException("cannot write the node keystore " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new SealingException("cannot write PKCS#12 keystore " + file, e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    private static void deleteInterruptedWrites(Path directory) throws IOException {
        try (DirectoryStream<Path> left = Files.newDirectoryStream(directory,
                TEMPORARY_PREFIX + "*" + TEMPORARY_SUFFIX)) {
            for (Path temporary : left) {
                Files.deleteIfExists(temporary);
            }
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
