package org.custodia.sealing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

import org.custodia.crypto.PrePrivateKey;
import org.custodia.crypto.pre.AfghKem;
import org.custodia.kernel.SecretAccess;
import org.custodia.kernel.SecretBytes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class KeyEncryptionKeyTest {

    private static final char[] STORE_PASSWORD = "store-secret".toCharArray();
    private static final char[] KEY_PASSWORD = "key-secret".toCharArray();

    @TempDir
    Path directory;
    private Path keystore;
    private final SecureRandom random = new SecureRandom();
    private final AfghKem kem = new AfghKem(random);

    @BeforeEach
    void createKeystore() throws Exception {
        keystore = directory.resolve("kek.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setEntry("kek", new KeyStore.SecretKeyEntry(aesKey(256)), new KeyStore.PasswordProtection(KEY_PASSWORD));
        store.setEntry("kek-128", new KeyStore.SecretKeyEntry(aesKey(128)),
                new KeyStore.PasswordProtection(KEY_PASSWORD));
        try (OutputStream out = Files.newOutputStream(keystore)) {
            store.store(out, STORE_PASSWORD);
        }
    }

    @Test
    void privateKeyRoundTripsThroughWrapping() throws Exception {
        KeyEncryptionKey kek = load("kek");
        PrePrivateKey privateKey = kem.generateKeyPair().privateKey();
        byte[] context = privateKey.publicKey().fingerprint().toBytes();
        byte[] wrapped = kek.wrap(privateKey.toSecretBytes(), context);

        PrePrivateKey unwrapped = kem.privateKey(kek.unwrap(wrapped, context));
        assertEquals(privateKey.publicKey(), unwrapped.publicKey());
        String scalarHex = privateKey.toSecretBytes().read(SecretAccess.get(),
                bytes -> HexFormat.of().formatHex(bytes, 2, bytes.length));
        assertFalse(HexFormat.of().formatHex(wrapped).contains(scalarHex), "private key in clear in wrapped form");
    }

    @Test
    void wrongContextOrTamperingIsRefused() throws Exception {
        KeyEncryptionKey kek = load("kek");
        byte[] wrapped = kek.wrap(SecretBytes.copyOf(new byte[34]), "row-1".getBytes(StandardCharsets.US_ASCII));
        assertThrows(SealingException.class, () -> kek.unwrap(wrapped, "row-2".getBytes(StandardCharsets.US_ASCII)));
        for (int i = 0; i < wrapped.length; i++) {
            byte[] tampered = wrapped.clone();
            tampered[i] ^= 0x01;
            assertThrows(SealingException.class, () -> kek.unwrap(tampered, "row-1".getBytes(StandardCharsets.US_ASCII)));
        }
    }

    @Test
    void anotherKekCannotUnwrap() throws Exception {
        Path other = directory.resolve("other.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setEntry("kek", new KeyStore.SecretKeyEntry(aesKey(256)), new KeyStore.PasswordProtection(KEY_PASSWORD));
        try (OutputStream out = Files.newOutputStream(other)) {
            store.store(out, STORE_PASSWORD);
        }
        byte[] wrapped = load("kek").wrap(SecretBytes.copyOf(new byte[34]), new byte[0]);
        KeyEncryptionKey otherKek = KeyEncryptionKey.load(other, STORE_PASSWORD, "kek", KEY_PASSWORD, random);
        assertThrows(SealingException.class, () -> otherKek.unwrap(wrapped, new byte[0]));
    }

    @Test
    void loadingFailuresSayWhatIsWrong() {
        assertMessage("wrong store password",
                () -> KeyEncryptionKey.load(keystore, "nope".toCharArray(), "kek", KEY_PASSWORD, random));
        assertMessage("no AES secret key under alias \"missing\"",
                () -> KeyEncryptionKey.load(keystore, STORE_PASSWORD, "missing", KEY_PASSWORD, random));
        assertMessage("must be AES-256",
                () -> KeyEncryptionKey.load(keystore, STORE_PASSWORD, "kek-128", KEY_PASSWORD, random));
        assertMessage("missing", () -> KeyEncryptionKey.load(directory.resolve("absent.p12"), STORE_PASSWORD, "kek",
                KEY_PASSWORD, random));
    }

    @Test
    void secretBytesNeverShowTheirContents() {
        SecretBytes secret = SecretBytes.copyOf("patient-key-material".getBytes(StandardCharsets.US_ASCII));
        assertFalse(secret.toString().contains("patient"));
        assertTrue(secret.toString().contains("redacted"));
        secret.destroy();
        assertThrows(IllegalStateException.class, () -> secret.read(SecretAccess.get(), bytes -> bytes.length));
    }

    private KeyEncryptionKey load(String alias) throws SealingException {
        return KeyEncryptionKey.load(keystore, STORE_PASSWORD, alias, KEY_PASSWORD, random);
    }

    private static SecretKey aesKey(int bits) throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(bits);
        return generator.generateKey();
    }

    private static void assertMessage(String expected, Executable load) {
        SealingException e = assertThrows(SealingException.class, load);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
