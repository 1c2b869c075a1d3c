package org.custodia.crypto.pre;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

import org.custodia.crypto.Capsule;
import org.custodia.crypto.DataKey;
import org.custodia.crypto.Encapsulation;
import org.custodia.crypto.InvalidCapsuleException;
import org.custodia.crypto.InvalidKeyMaterialException;
import org.custodia.crypto.KeyMismatchException;
import org.custodia.crypto.PreKeyPair;
import org.custodia.crypto.PrePublicKey;
import org.custodia.crypto.ReEncryptedCapsule;
import org.custodia.crypto.ReEncryptionKey;
import org.custodia.crypto.internal.G1Element;
import org.custodia.crypto.internal.G2Element;
import org.custodia.crypto.internal.InvalidPoints;
import org.custodia.kernel.SecretAccess;
import org.custodia.kernel.SecretBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import supranational.blst.P1;
import supranational.blst.P2;
import supranational.blst.PT;

class AfghKemTest {

    private final AfghKem kem = new AfghKem(new SecureRandom());
    private final PreKeyPair alice = kem.generateKeyPair();
    private final PreKeyPair bob = kem.generateKeyPair();
    private final PreKeyPair carol = kem.generateKeyPair();

    @Test
    void ownerRecoversTheDataKey() throws Exception {
        Encapsulation encapsulation = kem.encapsulate(alice.publicKey());
        assertSameKey(encapsulation.dataKey(), kem.decapsulate(alice.privateKey(), encapsulation.capsule()));
    }

    @Test
    void delegateeRecoversTheDataKeyThroughTheProxy() throws Exception {
        Encapsulation encapsulation = kem.encapsulate(alice.publicKey());
        ReEncryptionKey rk = kem.reEncryptionKey(alice.privateKey(), bob.publicKey());
        ReEncryptedCapsule reEncrypted = kem.reEncapsulate(rk, encapsulation.capsule());
        assertSameKey(encapsulation.dataKey(), kem.decapsulate(bob.privateKey(), reEncrypted));
    }

    @Test
    void encodingsRoundTripThroughValidation() throws Exception {
        Encapsulation encapsulation = kem.encapsulate(alice.publicKey());
        ReEncryptionKey rk = kem.reEncryptionKey(alice.privateKey(), bob.publicKey());
        ReEncryptedCapsule reEncrypted = kem.reEncapsulate(rk, encapsulation.capsule());

        assertEquals(alice.publicKey(), kem.publicKey(alice.publicKey().toBytes()));
        assertEquals(AfghPublicKey.LENGTH, alice.publicKey().toBytes().length);
        ReEncryptionKey decodedRk = kem.reEncryptionKey(rk.toBytes());
        assertArrayEquals(rk.toBytes(), decodedRk.toBytes());
        Capsule capsule = kem.capsule(encapsulation.capsule().toBytes());
        assertEquals(encapsulation.capsule(), capsule);
        ReEncryptedCapsule decodedReEncrypted = kem.reEncryptedCapsule(reEncrypted.toBytes());
        assertArrayEquals(reEncrypted.toBytes(), decodedReEncrypted.toBytes());

        var privateKey = kem.privateKey(bob.privateKey().toSecretBytes());
        assertEquals(bob.publicKey(), privateKey.publicKey());
        assertSameKey(encapsulation.dataKey(), kem.decapsulate(privateKey,
                kem.reEncapsulate(decodedRk, capsule)));
        assertSameKey(encapsulation.dataKey(), kem.decapsulate(privateKey, decodedReEncrypted));
    }

    @Test
    void delegateeWithoutReEncryptionKeyIsRefused() throws Exception {
        Encapsulation encapsulation = kem.encapsulate(alice.publicKey());
        assertThrows(KeyMismatchException.class, () -> kem.decapsulate(bob.privateKey(), encapsulation.capsule()));
    }

    @Test
    void reEncryptionKeyForAnotherDelegateeIsRefused() throws Exception {
        Encapsulation encapsulation = kem.encapsulate(alice.publicKey());
        ReEncryptedCapsule forCarol = kem.reEncapsulate(kem.reEncryptionKey(alice.privateKey(), carol.publicKey()),
                encapsulation.capsule());
        assertThrows(KeyMismatchException.class, () -> kem.decapsulate(bob.privateKey(), forCarol));
    }

    @Test
    void relabelledReEncryptionForAnotherDelegateeYieldsAnotherKey() throws Exception {
        Encapsulation encapsulation = kem.encapsulate(alice.publicKey());
        byte[] forCarol = kem.reEncapsulate(kem.reEncryptionKey(alice.privateKey(), carol.publicKey()),
                encapsulation.capsule()).toBytes();
        System.arraycopy(bob.publicKey().fingerprint().toBytes(), 0, forCarol, 2 + AfghCapsule.LENGTH, 32);
        DataKey wrong = kem.decapsulate(bob.privateKey(), kem.reEncryptedCapsule(forCarol));
        assertFalse(wrong.secret().equalsSecret(encapsulation.dataKey().secret()));
    }

    @Test
    void reEncryptionKeyFromAnotherOwnerIsRefused() throws Exception {
        Encapsulation encapsulation = kem.encapsulate(alice.publicKey());
        ReEncryptionKey fromCarol = kem.reEncryptionKey(carol.privateKey(), bob.publicKey());
        assertThrows(KeyMismatchException.class, () -> kem.reEncapsulate(fromCarol, encapsulation.capsule()));
    }

    @Test
    void relabelledCapsuleOfAnotherOwnerYieldsAnotherKey() throws Exception {
        Encapsulation encapsulation = kem.encapsulate(alice.publicKey());
        byte[] relabelled = encapsulation.capsule().toBytes();
        System.arraycopy(carol.publicKey().fingerprint().toBytes(), 0, relabelled, 2, 32);
        ReEncryptionKey fromCarol = kem.reEncryptionKey(carol.privateKey(), bob.publicKey());
        DataKey wrong = kem.decapsulate(bob.privateKey(), kem.reEncapsulate(fromCarol, kem.capsule(relabelled)));
        assertFalse(wrong.secret().equalsSecret(encapsulation.dataKey().secret()));
    }

    @Test
    void publicKeyImportRejectsInvalidPoints() {
        byte[] valid = alice.publicKey().toBytes();
        assertKeyRejected("identity", withA1(valid, InvalidPoints.g1Identity()));
        assertKeyRejected("subgroup", withA1(valid, InvalidPoints.g1OutsideSubgroup()));
        assertKeyRejected("G1 point is not in the order-q subgroup", withA1(valid, InvalidPoints.g1OrderThree(false)));
        assertKeyRejected("not on the curve", withA1(valid, InvalidPoints.g1OffCurve()));
        assertKeyRejected("identity", withA2(valid, InvalidPoints.g2Identity()));
        assertKeyRejected("subgroup", withA2(valid, InvalidPoints.g2OutsideSubgroup()));
        assertKeyRejected("not on the curve", withA2(valid, InvalidPoints.g2OffCurve()));
        assertKeyRejected("same exponent", withA2(valid, slice(bob.publicKey().toBytes(), 50, 96)));
        assertKeyRejected("146 bytes", slice(valid, 0, 145));
        byte[] wrongVersion = valid.clone();
        wrongVersion[1] = 2;
        assertKeyRejected("version 2", wrongVersion);
    }

    @Test
    void aPublicKeyIsValidatedOnceAndThenKnownByItsBytes() throws Exception {
        byte[] encoded = alice.publicKey().toBytes();
        PrePublicKey first = kem.publicKey(encoded);
        encoded[2] ^= 1; // the caller's array changing afterwards changes nothing kept
        assertSame(first, kem.publicKey(alice.publicKey().toBytes()));
        ReEncryptionKey rk = kem.reEncryptionKey(kem.reEncryptionKey(alice.privateKey(), bob.publicKey()).toBytes());
        assertSame(first, AfghReEncryptionKey.of(rk).delegatorKey());
        ReEncryptedCapsule reEncrypted = kem.reEncapsulate(rk, kem.encapsulate(alice.publicKey()).capsule());
        assertSame(first, AfghReEncryptedCapsule.of(kem.reEncryptedCapsule(reEncrypted.toBytes())).ownerKey());
    }

    @Test
    void aPublicKeyThatFailsValidationIsRefusedEveryTime() {
        byte[] mismatched = withA2(alice.publicKey().toBytes(), slice(bob.publicKey().toBytes(), 50, 96));
        assertKeyRejected("same exponent", mismatched);
        assertKeyRejected("same exponent", mismatched);
    }

    @Test
    void onlyTheMostRecentlyUsedPublicKeysAreKept() throws Exception {
        AfghKem keepingTwo = new AfghKem(new SecureRandom(), 2);
        PrePublicKey a = keepingTwo.publicKey(alice.publicKey().toBytes());
        PrePublicKey b = keepingTwo.publicKey(bob.publicKey().toBytes());
        assertSame(a, keepingTwo.publicKey(alice.publicKey().toBytes()));
        keepingTwo.publicKey(carol.publicKey().toBytes());
        assertSame(a, keepingTwo.publicKey(alice.publicKey().toBytes()));
        PrePublicKey bAgain = keepingTwo.publicKey(bob.publicKey().toBytes());
        assertNotSame(b, bAgain);
        assertEquals(b, bAgain);
    }

    @Test
    void aPrivateKeyDecodedForItsKnownPublicKeyCarriesItAndDecapsulates() throws Exception {
        Encapsulation encapsulation = kem.encapsulate(alice.publicKey());
        ReEncryptedCapsule reEncrypted = kem.reEncapsulate(kem.reEncryptionKey(alice.privateKey(), bob.publicKey()),
                encapsulation.capsule());
        var owner = kem.privateKey(alice.privateKey().toSecretBytes(), alice.publicKey());
        var delegatee = kem.privateKey(bob.privateKey().toSecretBytes(), bob.publicKey());
        assertSame(alice.publicKey(), owner.publicKey());
        assertSameKey(encapsulation.dataKey(), kem.decapsulate(owner, encapsulation.capsule()));
        assertSameKey(encapsulation.dataKey(), kem.decapsulate(delegatee, reEncrypted));
        assertArrayEquals(alice.privateKey().toSecretBytes().read(SecretAccess.get(), byte[]::clone),
                owner.toSecretBytes().read(SecretAccess.get(), byte[]::clone));
    }

    @Test
    void aPrivateKeyIsRefusedForAPublicKeyNotItsOwn() {
        InvalidKeyMaterialException e = assertThrows(InvalidKeyMaterialException.class,
                () -> kem.privateKey(alice.privateKey().toSecretBytes(), bob.publicKey()));
        assertTrue(e.getMessage().contains(bob.publicKey().fingerprint().toString()), e.getMessage());
    }

    @Test
    void privateKeyImportRejectsOutOfRangeScalars() {
        byte[] zero = new byte[AfghPrivateKey.LENGTH];
        zero[0] = 'S';
        zero[1] = 1;
        byte[] order = zero.clone();
        System.arraycopy(HexFormat.of().parseHex("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001"),
                0, order, 2, 32);
        for (byte[] encoded : new byte[][] {zero, order}) {
            InvalidKeyMaterialException e = assertThrows(InvalidKeyMaterialException.class,
                    () -> kem.privateKey(SecretBytes.copyOf(encoded)));
            assertTrue(e.getMessage().contains("[1, q-1]"), e.getMessage());
        }
    }

    @Test
    void capsuleImportRejectsInvalidPoints() throws Exception {
        byte[] valid = kem.encapsulate(alice.publicKey()).capsule().toBytes();
        for (byte[] point : new byte[][] {InvalidPoints.g1Identity(), InvalidPoints.g1OutsideSubgroup(),
                InvalidPoints.g1OffCurve()}) {
            byte[] invalid = valid.clone();
            System.arraycopy(point, 0, invalid, 2 + 32, G1Element.LENGTH);
            assertThrows(InvalidCapsuleException.class, () -> kem.capsule(invalid));
        }
    }

    @Test
    void reEncryptedCapsuleImportRejectsInvalidGtElements() throws Exception {
        Encapsulation encapsulation = kem.encapsulate(alice.publicKey());
        byte[] valid = kem.reEncapsulate(kem.reEncryptionKey(alice.privateKey(), bob.publicKey()),
                encapsulation.capsule()).toBytes();
        int tOffset = valid.length - 576;
        byte[] identity = valid.clone();
        System.arraycopy(PT.one().to_bendian(), 0, identity, tOffset, 576);
        assertCapsuleRejected("identity", identity);
        byte[] millerLoop = valid.clone();
        System.arraycopy(new PT(P1.generator(), P2.generator()).to_bendian(), 0, millerLoop, tOffset, 576);
        assertCapsuleRejected("subgroup", millerLoop);
        byte[] otherOwner = valid.clone();
        System.arraycopy(carol.publicKey().toBytes(), 0, otherOwner, 2 + AfghCapsule.LENGTH + 32,
                AfghPublicKey.LENGTH);
        assertCapsuleRejected("carries the public key", otherOwner);
    }

    @Test
    void secretsStayOutOfStrings() throws Exception {
        String keyText = alice.privateKey().toString() + alice.privateKey().toSecretBytes();
        byte[] encoded = alice.privateKey().toSecretBytes().read(SecretAccess.get(), bytes -> bytes.clone());
        String scalarHex = HexFormat.of().formatHex(encoded, 2, encoded.length);
        assertFalse(keyText.toLowerCase().contains(scalarHex.substring(0, 16)));
        assertTrue(keyText.contains("redacted"));
        assertTrue(kem.encapsulate(alice.publicKey()).dataKey().toString().contains("redacted"));
    }

    private void assertKeyRejected(String expected, byte[] encoded) {
        assertRejected(InvalidKeyMaterialException.class, expected, () -> kem.publicKey(encoded));
    }

    private void assertCapsuleRejected(String expected, byte[] encoded) {
        assertRejected(InvalidCapsuleException.class, expected, () -> kem.reEncryptedCapsule(encoded));
    }

    private static <T extends Exception> void assertRejected(Class<T> type, String expected, Executable decode) {
        T e = assertThrows(type, decode);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static void assertSameKey(DataKey expected, DataKey actual) {
        assertTrue(expected.secret().equalsSecret(actual.secret()), "data keys differ");
    }

    private static byte[] withA1(byte[] publicKey, byte[] a1) {
        byte[] out = publicKey.clone();
        System.arraycopy(a1, 0, out, 2, G1Element.LENGTH);
        return out;
    }

    private static byte[] withA2(byte[] publicKey, byte[] a2) {
        byte[] out = publicKey.clone();
        System.arraycopy(a2, 0, out, 2 + G1Element.LENGTH, G2Element.LENGTH);
        return out;
    }

    private static byte[] slice(byte[] bytes, int offset, int length) {
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }
}
