package org.custodia.keys;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;

import org.custodia.crypto.KeyFingerprint;
import org.custodia.crypto.PreKeyPair;
import org.custodia.crypto.pre.AfghKem;
import org.custodia.sealing.KeyEncryptionKey;
import org.custodia.sealing.NodeKeystore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stored key pair tells the keystore it was wrapped under from another, in either wrapping format. */
class WrappedKeyPairTest {

    private static final char[] PASSWORD = "keystore-secret".toCharArray();

    @TempDir
    Path directory;

    private final SecureRandom random = new SecureRandom();
    private final AfghKem kem = new AfghKem(random);

    @Test
    void anOwnerBoundKeyPairOpensUnderItsKeystoreOnly() throws Exception {
        KeyEncryptionKey mine = NodeKeystore.openOrCreate(directory.resolve("mine.p12"), PASSWORD, random);
        KeyEncryptionKey another = NodeKeystore.openOrCreate(directory.resolve("another.p12"), PASSWORD, random);

        WrappedKeyPair pair = new KeyCustody(kem, mine).generate(KeyOwner.node());

        assertTrue(pair.opensUnder(KeyOwner.node(), mine));
        assertFalse(pair.opensUnder(KeyOwner.node(), another));
        assertFalse(pair.opensUnder(KeyOwner.patient(java.util.UUID.randomUUID()), mine), "bound to its owner");
    }

    /** Format 1, as rows were written before owner binding: bound to the public key's fingerprint only. */
    @Test
    void aKeyPairFromBeforeOwnerBindingOpensUnderItsKeystoreOnly() throws Exception {
        KeyEncryptionKey mine = NodeKeystore.openOrCreate(directory.resolve("mine.p12"), PASSWORD, random);
        KeyEncryptionKey another = NodeKeystore.openOrCreate(directory.resolve("another.p12"), PASSWORD, random);
        PreKeyPair keys = kem.generateKeyPair();
        byte[] publicKey = keys.publicKey().toBytes();
        byte[] wrapped = mine.wrap(keys.privateKey().toSecretBytes(),
                KeyFingerprint.ofPublicKey(publicKey).toBytes());

        WrappedKeyPair pair = new WrappedKeyPair(publicKey, wrapped, WrappedKeyPair.FINGERPRINT_BOUND);

        new KeyCustody(kem, mine).bindToOwner(pair, KeyOwner.node()); // what the start-up step takes for format 1
        assertTrue(pair.opensUnder(KeyOwner.node(), mine));
        assertFalse(pair.opensUnder(KeyOwner.node(), another));
    }
}
