package org.custodia.sealing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.custodia.kernel.SecretAccess;
import org.custodia.kernel.SecretBytes;

/**
 * An AES-256 key-encryption key (KEK) from a PKCS#12 keystore, wrapping secrets (a hospital's private keys, a
 * proxy's re-encryption keys) for storage in the database. Wrapped form, version 1:
 * {@code 'W', 1, nonce (12 bytes), AES-256-GCM ciphertext with 16-byte tag}. The associated data is the first two
 * bytes followed by a caller-chosen context (for example the public key fingerprint the private key belongs to), so
 * a wrapped key copied to another row does not unwrap.
 */
public final class KeyEncryptionKey {

    private static final byte TAG = 'W';
    private static final byte VERSION = 1;
    private static final int NONCE_LENGTH = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_LENGTH = 32;
    /**
     * The block {@link #checkValue} encrypts. No counter block of a wrapped key's GCM can equal it (its last four
     * bytes, as a block counter, are near 760 million; a wrapped key has a few blocks), so it reveals no key stream.
     */
    private static final byte[] CHECK_BLOCK = "custodia-kek-kcv".getBytes(StandardCharsets.US_ASCII);

    private final SecretKey key;
    private final String alias;
    private final SecureRandom random;

    private KeyEncryptionKey(SecretKey key, String alias, SecureRandom random) {
        this.key = key;
        this.alias = alias;
        this.random = random;
    }

    /**
     * @throws SealingException naming what is wrong: the file, the password, the alias or the key type
     */
    public static KeyEncryptionKey load(Path keystore, char[] storePassword, String alias, char[] keyPassword,
            SecureRandom random) throws SealingException {
        KeyStore store = readKeystore(keystore, storePassword);
        Key entry;
        try {
            entry = store.getKey(alias, keyPassword);
        } catch (GeneralSecurityException e) {
            throw new SealingException("cannot recover key \"" + alias + "\" from " + keystore
                    + " (wrong key password?)", e);
        }
        if (!(entry instanceof SecretKey secretKey) || !"AES".equalsIgnoreCase(secretKey.getAlgorithm())) {
            throw new SealingException("keystore " + keystore + " has no AES secret key under alias \""
                    + alias + "\"");
        }
        byte[] encoded = secretKey.getEncoded();
        int length = encoded == null ? 0 : encoded.length;
        if (encoded != null) {
            Arrays.fill(encoded, (byte) 0);
        }
        if (length != KEY_LENGTH) {
            throw new SealingException("key \"" + alias + "\" in " + keystore + " is " + 8 * length
                    + "-bit AES; the key-encryption key must be AES-256");
        }
        return new KeyEncryptionKey(secretKey, alias, random);
    }

    /**
     * The PKCS#12 keystore at {@code keystore}, its integrity (the MAC over every entry) checked with
     * {@code storePassword}.
     *
     * @throws SealingException if it is missing, unreadable or corrupt, or the password is wrong
     */
    static KeyStore readKeystore(Path keystore, char[] storePassword) throws SealingException {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, storePassword);
            return store;
        } catch (IOException e) {
            throw new SealingException("cannot read PKCS#12 keystore " + keystore
                    + " (missing, unreadable, corrupt or wrong store password)", e);
        } catch (GeneralSecurityException e) {
            throw new SealingException("cannot open PKCS#12 keystore " + keystore, e);
        }
    }

    public byte[] wrap(SecretBytes secret, byte[] context) {
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
            byte[] ciphertext = secret.read(SecretAccess.get(), cipher::doFinal);
            byte[] wrapped = new byte[2 + NONCE_LENGTH + ciphertext.length];
            wrapped[0] = TAG;
            wrapped[1] = VERSION;
            System.arraycopy(nonce, 0, wrapped, 2, NONCE_LENGTH);
            System.arraycopy(ciphertext, 0, wrapped, 2 + NONCE_LENGTH, ciphertext.length);
            return wrapped;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is required of every Java platform", e);
        }
    }

    /**
     * @throws SealingException if the wrapped form is malformed, or does not authenticate under this KEK and
     *         context
     */
    public SecretBytes unwrap(byte[] wrapped, byte[] context) throws SealingException {
        if (wrapped.length < 2 + NONCE_LENGTH + TAG_BITS / 8 || wrapped[0] != TAG) {
            throw new SealingException("not a wrapped key (too short or wrong type tag)");
        }
        if (wrapped[1] != VERSION) {
            throw new SealingException("wrapped key version " + wrapped[1] + " is not supported, expected "
                    + VERSION);
        }
        byte[] nonce = Arrays.copyOfRange(wrapped, 2, 2 + NONCE_LENGTH);
        try {
            return SecretBytes.adopt(cipher(Cipher.DECRYPT_MODE, nonce, context)
                    .doFinal(wrapped, 2 + NONCE_LENGTH, wrapped.length - 2 - NONCE_LENGTH));
        } catch (AEADBadTagException e) {
            throw new SealingException("wrapped key does not authenticate under key-encryption key \"" + alias
                    + "\": wrong KEK, wrong context or corrupted");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is required of every Java platform", e);
        }
    }

    /**
     * What tells this key from any other without revealing it, for the database to remember which key the node's
     * wrapped keys belong to: AES of one fixed block (the classic key check value), hex.
     */
    public String checkValue() {
        try {
            Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key);
            return HexFormat.of().formatHex(cipher.doFinal(CHECK_BLOCK));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is required of every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "KeyEncryptionKey[" + alias + ", redacted]";
    }

    private Cipher cipher(int mode, byte[] nonce, byte[] context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(new byte[] {TAG, VERSION});
        cipher.updateAAD(context);
        return cipher;
    }
}
