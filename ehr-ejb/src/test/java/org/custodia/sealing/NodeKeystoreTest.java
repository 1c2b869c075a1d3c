package org.custodia.sealing;

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
import java.util.Arrays;

import org.custodia.kernel.SecretBytes;
import org.custodia.testing.LegacyKeystore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node keystore's record that every stored key pair is bound to its owner: there from the creation of a new
 * keystore, added once to one from before owner binding, kept across reopening, and covered by the keystore's
 * integrity check, so that it cannot be read, added or removed without the password.
 */
class NodeKeystoreTest {

    private static final char[] PASSWORD = "keystore-secret".toCharArray();
    private static final byte[] SECRET = {1, 2, 3};
    private static final byte[] CONTEXT = "row-1".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path directory;

    private final SecureRandom random = new SecureRandom();

    @Test
    void aNewKeystoreRecordsFromItsCreationThatEveryKeyIsBoundToItsOwner() throws Exception {
        Path keystore = directory.resolve("keys").resolve("node.p12");
        NodeKeystore.openOrCreate(keystore, PASSWORD, random);

        assertTrue(NodeKeystore.keysOwnerBound(keystore, PASSWORD));
    }

    /** Two processes starting on one keystore path: the second's new keystore never replaces the first's. */
    @Test
    void aKeystoreCreatedMeanwhileIsKeptNotReplaced() throws Exception {
        Path file = directory.resolve("secrets").resolve("node-keys.p12");
        NodeKeystore.create(file, PASSWORD, new SecureRandom());
        String first = NodeKeystore.openOrCreate(file, PASSWORD, new SecureRandom()).checkValue();

        NodeKeystore.create(file, PASSWORD, new SecureRandom());

        assertEquals(first, NodeKeystore.openOrCreate(file, PASSWORD, new SecureRandom()).checkValue());
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    /** A copy of the keystore that a write interrupted before its rename left: it would open with an old password. */
    @Test
    void aCopyLeftByAnInterruptedWriteIsDeletedWhenTheKeystoreIsOpened() throws Exception {
        Path keystore = directory.resolve("keys").resolve("node.p12");
        NodeKeystore.openOrCreate(keystore, PASSWORD, random);
        Path left = keystore.resolveSibling(".keystore-4711.tmp");
        Files.copy(keystore, left);
        Path unrelated = keystore.resolveSibling("admin-password");
        Files.writeString(unrelated, "kept");

        NodeKeystore.openOrCreate(keystore, PASSWORD, random);

        assertFalse(Files.exists(left));
        assertTrue(Files.exists(unrelated), "only the keystore's temporary copies are deleted");
        assertTrue(NodeKeystore.keysOwnerBound(keystore, PASSWORD));
    }

    @Test
    void theRecordAddedToAKeystoreFromBeforeOwnerBindingSurvivesReopeningWithTheSameKek() throws Exception {
        Path keystore = directory.resolve("node.p12");
        LegacyKeystore.create(keystore, PASSWORD);
        KeyEncryptionKey kek = NodeKeystore.openOrCreate(keystore, PASSWORD, random);
        byte[] wrapped = kek.wrap(SecretBytes.copyOf(SECRET), CONTEXT);
        assertFalse(NodeKeystore.keysOwnerBound(keystore, PASSWORD), "a keystore from before owner binding");

        NodeKeystore.recordKeysOwnerBound(keystore, PASSWORD, random);

        KeyEncryptionKey reopened = NodeKeystore.openOrCreate(keystore, PASSWORD, random);
        assertTrue(NodeKeystore.keysOwnerBound(keystore, PASSWORD), "recorded, and still there once reopened");
        assertTrue(reopened.unwrap(wrapped, CONTEXT).equalsSecret(SecretBytes.copyOf(SECRET)), "the same KEK");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore)));
        try (var files = Files.list(directory)) {
            assertEquals(1, files.count(), "no temporary file left next to the keystore");
        }
        byte[] recorded = Files.readAllBytes(keystore);
        NodeKeystore.recordKeysOwnerBound(keystore, PASSWORD, random);
        assertArrayEquals(recorded, Files.readAllBytes(keystore), "recording again rewrites nothing");
    }

    @Test
    void theRecordIsNeitherReadNorWrittenWithoutThePassword() throws Exception {
        Path keystore = directory.resolve("node.p12");
        LegacyKeystore.create(keystore, PASSWORD);
        byte[] before = Files.readAllBytes(keystore);
        char[] wrong = "wrong".toCharArray();

        assertThrows(SealingException.class, () -> NodeKeystore.keysOwnerBound(keystore, wrong));
        assertThrows(SealingException.class, () -> NodeKeystore.keysOwnerBound(keystore, new char[0]),
                "without a password, PKCS#12 skips its integrity check: refused");
        assertThrows(SealingException.class, () -> NodeKeystore.recordKeysOwnerBound(keystore, wrong, random));
        assertArrayEquals(before, Files.readAllBytes(keystore), "left as it was");
        assertFalse(NodeKeystore.keysOwnerBound(keystore, PASSWORD));
    }

    @Test
    void theRecordRenamedInTheFileFailsTheIntegrityCheckRatherThanGoMissing() throws Exception {
        Path keystore = directory.resolve("node.p12");
        NodeKeystore.openOrCreate(keystore, PASSWORD, random);
        byte[] stored = Files.readAllBytes(keystore);
        int alias = indexOf(stored, NodeKeystore.OWNER_BOUND_ALIAS.getBytes(StandardCharsets.UTF_16BE));
        assertTrue(alias >= 0, "PKCS#12 stores an entry's alias in clear, as its friendly name");

        stored[alias + 1] ^= 0x01;
        Files.write(keystore, stored);

        SealingException refused = assertThrows(SealingException.class,
                () -> NodeKeystore.keysOwnerBound(keystore, PASSWORD));
        assertTrue(refused.getMessage().contains(keystore.toString()), refused.getMessage());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
