package org.custodia.crypto.pre;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.custodia.crypto.Capsule;
import org.custodia.crypto.CryptoException;
import org.custodia.crypto.DataKey;
import org.custodia.crypto.PreKeyPair;
import org.custodia.crypto.PrePublicKey;
import org.custodia.crypto.ReEncryptedCapsule;
import org.custodia.crypto.ReEncryptionKey;
import org.custodia.crypto.internal.G1Element;
import org.custodia.crypto.internal.G2Element;
import org.custodia.crypto.internal.GtElement;
import org.custodia.kernel.SecretBytes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Time per KEM operation on one thread; see the module README for how to run it and the results. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class KemBenchmark {

    private final AfghKem kem = new AfghKem(new SecureRandom());
    private PreKeyPair owner;
    private PreKeyPair delegatee;
    private Capsule capsule;
    private ReEncryptionKey rk;
    private ReEncryptedCapsule reEncrypted;
    private byte[] ownerKeyBytes;
    private byte[] rkBytes;
    private SecretBytes ownerPrivateKeyBytes;

    @Setup
    public void setUp() throws CryptoException {
        owner = kem.generateKeyPair();
        delegatee = kem.generateKeyPair();
        capsule = kem.encapsulate(owner.publicKey()).capsule();
        rk = kem.reEncryptionKey(owner.privateKey(), delegatee.publicKey());
        reEncrypted = kem.reEncapsulate(rk, capsule);
        kem.decapsulate(owner.privateKey(), capsule);
        kem.decapsulate(delegatee.privateKey(), reEncrypted);
        ownerKeyBytes = owner.publicKey().toBytes();
        rkBytes = rk.toBytes();
        ownerPrivateKeyBytes = owner.privateKey().toSecretBytes();
    }

    @Benchmark
    public PreKeyPair keyGeneration() {
        return kem.generateKeyPair();
    }

    @Benchmark
    public Object encapsulate() throws CryptoException {
        return kem.encapsulate(owner.publicKey());
    }

    @Benchmark
    public DataKey decapsulateByOwner() throws CryptoException {
        return kem.decapsulate(owner.privateKey(), capsule);
    }

    /**
     * A download's decapsulation: the patient's private key decoded from its unwrapped bytes for its stored public
     * key, then the owner's decapsulation.
     */
    @Benchmark
    public DataKey decapsulateByOwnerWithStoredKey() throws CryptoException {
        return kem.decapsulate(kem.privateKey(ownerPrivateKeyBytes, owner.publicKey()), capsule);
    }

    @Benchmark
    public ReEncryptionKey reEncryptionKeyGeneration() throws CryptoException {
        return kem.reEncryptionKey(owner.privateKey(), delegatee.publicKey());
    }

    @Benchmark
    public ReEncryptedCapsule reEncapsulate() throws CryptoException {
        return kem.reEncapsulate(rk, capsule);
    }

    @Benchmark
    public DataKey decapsulateByDelegatee() throws CryptoException {
        return kem.decapsulate(delegatee.privateKey(), reEncrypted);
    }

    /** Two key generations, encapsulate, re-key, re-encapsulate, decapsulate by the delegatee. */
    @Benchmark
    public DataKey fullCycle() throws CryptoException {
        PreKeyPair a = kem.generateKeyPair();
        PreKeyPair b = kem.generateKeyPair();
        Capsule c = kem.encapsulate(a.publicKey()).capsule();
        ReEncryptionKey key = kem.reEncryptionKey(a.privateKey(), b.publicKey());
        return kem.decapsulate(b.privateKey(), kem.reEncapsulate(key, c));
    }

    /** Reference point: one pairing with its final exponentiation in jblst, the operation PLATFORM.md measured. */
    @Benchmark
    public GtElement pairingReference() {
        return GtElement.pair(G1Element.generator(), G2Element.generator());
    }

    /** Decoding and validating a public key from its bytes, as every decoding did before keys were kept. */
    @Benchmark
    public PrePublicKey publicKeyValidation() throws CryptoException {
        return AfghPublicKey.decode(ownerKeyBytes);
    }

    /** Decoding a public key the KEM decoded before (a patient's on upload, the node's own on download). */
    @Benchmark
    public PrePublicKey publicKeyKnown() throws CryptoException {
        return kem.publicKey(ownerKeyBytes);
    }

    /** A stored re-encryption key from its bytes, as a proxy reads it for each re-encryption. */
    @Benchmark
    public ReEncryptionKey reEncryptionKeyFromBytes() throws CryptoException {
        return kem.reEncryptionKey(rkBytes);
    }

    /** What a proxy pays per request when it receives the capsule as bytes: decode and validate, then transform. */
    @Benchmark
    public ReEncryptedCapsule reEncapsulateFromBytes() throws CryptoException {
        return kem.reEncapsulate(rk, kem.capsule(capsule.toBytes()));
    }
}
