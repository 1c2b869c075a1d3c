package org.custodia.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import org.custodia.crypto.PrePrivateKey;
import org.custodia.crypto.pre.AfghKem;
import org.custodia.kernel.SecretBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyCustodyTest {

    private static final char[] PASSWORD = "keystore-secret".toCharArray();

    @TempDir
    Path directory;

    private final SecureRandom random = new SecureRandom();
    private final AfghKem kem = new AfghKem(random);

    @Test
    void keystoreIsCreatedOnFirstStartAndReopenedWithTheSameKek() throws Exception {
        Path keystore = directory.resolve("keys").resolve("node.p12");
        WrappedKeyPair pair = KeyCustody.open(kem, keystore, PASSWORD, random).generate();

        assertTrue(Files.isRegularFile(keystore));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore)));
        KeyCustody reopened = KeyCustody.open(kem, keystore, PASSWORD, random);
        PrePrivateKey privateKey = reopened.unwrap(pair);
        assertArrayEquals(pair.publicKey(), privateKey.publicKey().toBytes());
        try (var files = Files.list(keystore.getParent())) {
            assertEquals(1, files.count(), "no temporary file left next to the keystore");
        }
    }

    @Test
    void wrongOrMissingPasswordIsATypedRefusal() throws Exception {
        Path keystore = directory.resolve("node.p12");
        KeyCustody.open(kem, keystore, PASSWORD, random);
        assertThrows(KeyCustodyException.class,
                () -> KeyCustody.open(kem, keystore, "wrong".toCharArray(), random));
        KeyCustodyException missing = assertThrows(KeyCustodyException.class,
                () -> KeyCustody.open(kem, directory.resolve("other.p12"), new char[0], random));
        assertTrue(missing.getMessage().contains("custodia.keys.keystore-password"), missing.getMessage());
        assertFalse(Files.exists(directory.resolve("other.p12")), "no keystore created without a password");
    }

    @Test
    void anotherNodesKekCannotUnwrap() throws Exception {
        WrappedKeyPair pair = KeyCustody.open(kem, directory.resolve("a.p12"), PASSWORD, random).generate();
        KeyCustody other = KeyCustody.open(kem, directory.resolve("b.p12"), PASSWORD, random);
        assertThrows(KeyCustodyException.class, () -> other.unwrap(pair));
        assertTrue(pair.toString().contains("wrapped"), pair.toString());
    }

    @Test
    void sealedSecretsOpenOnlyInTheirContext() throws Exception {
        KeyCustody custody = KeyCustody.open(kem, directory.resolve("node.p12"), PASSWORD, random);
        byte[] secret = "Jane Doe, 1980-02-29".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = custody.seal(SecretBytes.copyOf(secret), "patient-1".getBytes(StandardCharsets.UTF_8));

        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("Jane"), "sealed form is not clear");
        SecretBytes opened = custody.open(sealed, "patient-1".getBytes(StandardCharsets.UTF_8));
        assertTrue(opened.equalsSecret(SecretBytes.copyOf(secret)));
        assertThrows(KeyCustodyException.class,
                () -> custody.open(sealed, "patient-2".getBytes(StandardCharsets.UTF_8)));
    }
}
