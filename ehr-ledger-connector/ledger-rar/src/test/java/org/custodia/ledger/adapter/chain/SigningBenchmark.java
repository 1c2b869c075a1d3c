package org.custodia.ledger.adapter.chain;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;

/**
 * What a recoverable signature costs the node (a signed node-to-node call, a transaction): the connector's
 * {@link RecoverableSigner} against web3j's {@code Sign.signMessage}, which makes the same signature and then
 * recovers public keys from it to find the recovery id. Each invocation signs a new hash (a counter), since RFC 6979
 * nonces depend on it. The key is anvil's development account 0 (a published test key).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SigningBenchmark {

    private static final ECKeyPair KEY = ECKeyPair.create(
            new BigInteger("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", 16));

    private final RecoverableSigner signer = new RecoverableSigner(KEY);
    private final byte[] hash = new byte[32];
    private long counter;

    @Setup
    public void checkTheSignersAgree() {
        Sign.SignatureData expected = Sign.signMessage(hash, KEY, false);
        Sign.SignatureData actual = signer.sign(hash);
        if (!Arrays.equals(expected.getR(), actual.getR())
                || !Arrays.equals(expected.getS(), actual.getS())
                || !Arrays.equals(expected.getV(), actual.getV())) {
            throw new IllegalStateException("the connector's signature differs from web3j's");
        }
    }

    @Benchmark
    public Sign.SignatureData connector() {
        return signer.sign(nextHash());
    }

    @Benchmark
    public Sign.SignatureData web3j() {
        return Sign.signMessage(nextHash(), KEY, false);
    }

    private byte[] nextHash() {
        long value = ++counter;
        for (int i = 0; i < 8; i++) {
            hash[31 - i] = (byte) (value >>> (8 * i));
        }
        return hash;
    }
}
