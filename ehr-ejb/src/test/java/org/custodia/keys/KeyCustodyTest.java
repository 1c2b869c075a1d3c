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
import java.util.UUID;

import org.custodia.crypto.PreKeyPair;
import org.custodia.crypto.PrePrivateKey;
import org.custodia.crypto.pre.AfghKem;
import org.custodia.kernel.SecretBytes;
import org.custodia.sealing.KeyEncryptionKey;
import org.custodia.sealing.NodeKeystore;
import org.custodia.sealing.SealingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyCustodyTest {

    private static final char[] PASSWORD = "keystore-secret".toCharArray();
    private static final KeyOwner PATIENT_A = KeyOwner.patient(UUID.randomUUID());
    private static final KeyOwner PATIENT_B = KeyOwner.patient(UUID.randomUUID());

    @TempDir
    Path directory;

    private final SecureRandom random = new SecureRandom();
    private final AfghKem kem = new AfghKem(random);

    @Test
    void keystoreIsCreatedOnFirstStartAndReopenedWithTheSameKek() throws Exception {
        Path keystore = directory.resolve("keys").resolve("node.p12");
        WrappedKeyPair pair = custody(keystore, PASSWORD).generate(PATIENT_A);

        assertTrue(Files.isRegularFile(keystore));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore)));
        assertTrue(NodeKeystore.keysOwnerBound(keystore, PASSWORD), "a new node never wrapped a key in format 1");
        KeyCustody reopened = custody(keystore, PASSWORD);
        PrePrivateKey privateKey = reopened.unwrap(pair, PATIENT_A);
        assertArrayEquals(pair.publicKey(), privateKey.publicKey().toBytes());
        try (var files = Files.list(keystore.getParent())) {
            assertEquals(1, files.count(), "no temporary file left next to the keystore");
        }
    }

    @Test
    void wrongOrMissingPasswordIsATypedRefusal() throws Exception {
        Path keystore = directory.resolve("node.p12");
        custody(keystore, PASSWORD);
        assertThrows(SealingException.class,
                () -> custody(keystore, "wrong".toCharArray()));
        SealingException missing = assertThrows(SealingException.class,
                () -> custody(directory.resolve("other.p12"), new char[0]));
        assertTrue(missing.getMessage().contains("custodia.keys.keystore-password"), missing.getMessage());
        assertFalse(Files.exists(directory.resolve("other.p12")), "no keystore created without a password");
    }

    @Test
    void anotherNodesKekCannotUnwrap() throws Exception {
        WrappedKeyPair pair = custody(directory.resolve("a.p12"), PASSWORD)
                .generate(KeyOwner.node());
        KeyCustody other = custody(directory.resolve("b.p12"), PASSWORD);
        assertThrows(KeyCustodyException.class, () -> other.unwrap(pair, KeyOwner.node()));
        assertTrue(pair.toString().contains("wrapped"), pair.toString());
    }

    @Test
    void sealedSecretsOpenOnlyInTheirContext() throws Exception {
        KeyCustody custody = custody(directory.resolve("node.p12"), PASSWORD);
        byte[] secret = "Jane Doe, 1980-02-29".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = custody.seal(SecretBytes.copyOf(secret), "patient-1".getBytes(StandardCharsets.UTF_8));

        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("Jane"), "sealed form is not clear");
        SecretBytes opened = custody.open(sealed, "patient-1".getBytes(StandardCharsets.UTF_8));
        assertTrue(opened.equalsSecret(SecretBytes.copyOf(secret)));
        assertThrows(KeyCustodyException.class,
                () -> custody.open(sealed, "patient-2".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aKeyPairUnwrapsOnlyForTheOwnerItWasGeneratedFor() throws Exception {
        KeyCustody custody = custody(directory.resolve("node.p12"), PASSWORD);
        WrappedKeyPair patientA = custody.generate(PATIENT_A);
        WrappedKeyPair node = custody.generate(KeyOwner.node());
        byte[] delegatee = kem.generateKeyPair().publicKey().toBytes();

        assertArrayEquals(patientA.publicKey(), custody.unwrap(patientA, PATIENT_A).publicKey().toBytes());
        assertTrue(patientA.isOwnerBound());
        assertThrows(KeyCustodyException.class, () -> custody.unwrap(patientA, PATIENT_B));
        assertThrows(KeyCustodyException.class, () -> custody.unwrap(patientA, KeyOwner.node()));
        assertThrows(KeyCustodyException.class, () -> custody.reEncryptionKey(patientA, PATIENT_B, delegatee));
        assertArrayEquals(node.publicKey(), custody.unwrap(node, KeyOwner.node()).publicKey().toBytes());
        assertThrows(KeyCustodyException.class, () -> custody.unwrap(node, PATIENT_A));
    }

    /**
     * What is sealed or published goes under a public key proven to be the owner's: one replaced in the database (by
     * someone holding the matching private key) or a pair moved from another owner's row is refused.
     */
    @Test
    void aPublicKeyIsProvenOnlyWithItsOwnersWrappedPrivateKey() throws Exception {
        KeyCustody custody = custody(directory.resolve("node.p12"), PASSWORD);
        WrappedKeyPair patientA = custody.generate(PATIENT_A);
        assertArrayEquals(patientA.publicKey(), custody.provenPublicKey(patientA, PATIENT_A).toBytes());

        byte[] attackers = kem.generateKeyPair().publicKey().toBytes();
        WrappedKeyPair replaced = new WrappedKeyPair(attackers, patientA.wrappedPrivateKey(),
                WrappedKeyPair.OWNER_BOUND);
        assertThrows(KeyCustodyException.class, () -> custody.provenPublicKey(replaced, PATIENT_A));
        assertThrows(KeyCustodyException.class, () -> custody.provenPublicKey(patientA, PATIENT_B));
        assertThrows(KeyCustodyException.class, () -> custody.provenPublicKey(patientA, KeyOwner.node()));
        WrappedKeyPair legacy = new WrappedKeyPair(patientA.publicKey(), patientA.wrappedPrivateKey(),
                WrappedKeyPair.FINGERPRINT_BOUND);
        assertThrows(KeyCustodyException.class, () -> custody.provenPublicKey(legacy, PATIENT_A),
                "a format-1 row is not proven either");
    }

    @Test
    void aFingerprintBoundKeyPairIsRefusedUntilBoundToItsOwner() throws Exception {
        KeyEncryptionKey kek = NodeKeystore.openOrCreate(directory.resolve("node.p12"), PASSWORD, random);
        KeyCustody custody = new KeyCustody(kem, kek);
        PreKeyPair generated = kem.generateKeyPair();
        WrappedKeyPair legacy = legacy(kek, generated);

        KeyCustodyException refused = assertThrows(KeyCustodyException.class,
                () -> custody.unwrap(legacy, PATIENT_A));
        assertTrue(refused.getMessage().contains("format 1"), refused.getMessage());
        WrappedKeyPair relabelled = new WrappedKeyPair(legacy.publicKey(), legacy.wrappedPrivateKey(),
                WrappedKeyPair.OWNER_BOUND);
        assertThrows(KeyCustodyException.class, () -> custody.unwrap(relabelled, PATIENT_A),
                "a format-1 wrapping does not pass for format 2");

        WrappedKeyPair bound = custody.bindToOwner(legacy, PATIENT_A);
        assertTrue(bound.isOwnerBound());
        assertArrayEquals(legacy.publicKey(), bound.publicKey());
        assertEquals(generated.publicKey(), custody.unwrap(bound, PATIENT_A).publicKey());
        assertThrows(KeyCustodyException.class, () -> custody.unwrap(bound, PATIENT_B));
        assertThrows(IllegalArgumentException.class, () -> custody.bindToOwner(bound, PATIENT_A));
    }

    @Test
    void aFingerprintBoundPrivateKeyMovedToAnotherPublicKeyIsNotBound() throws Exception {
        KeyEncryptionKey kek = NodeKeystore.openOrCreate(directory.resolve("node.p12"), PASSWORD, random);
        KeyCustody custody = new KeyCustody(kem, kek);
        WrappedKeyPair first = legacy(kek, kem.generateKeyPair());
        WrappedKeyPair second = legacy(kek, kem.generateKeyPair());
        WrappedKeyPair moved = new WrappedKeyPair(second.publicKey(), first.wrappedPrivateKey(),
                WrappedKeyPair.FINGERPRINT_BOUND);

        assertThrows(KeyCustodyException.class, () -> custody.bindToOwner(moved, PATIENT_A));
    }

    /** A key pair wrapped as rows were before owner binding: bound to the public key's fingerprint only. */
    private static WrappedKeyPair legacy(KeyEncryptionKey kek, PreKeyPair pair) {
        return new WrappedKeyPair(pair.publicKey().toBytes(),
                kek.wrap(pair.privateKey().toSecretBytes(), pair.publicKey().fingerprint().toBytes()),
                WrappedKeyPair.FINGERPRINT_BOUND);
    }

    /** Custody over the keystore at {@code keystore}, created if there is none, as the node opens it. */
    private KeyCustody custody(Path keystore, char[] password) throws SealingException {
        return new KeyCustody(kem, NodeKeystore.openOrCreate(keystore, password, random));
    }
}
