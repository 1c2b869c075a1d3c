package org.custodia.crypto.internal;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The delegatee's GT exponentiation ({@link GtElement#pow}, T^(1/b)) and its Frobenius images part
 * ({@link GtFrobenius#absZPowers}). Run it beside {@code KemBenchmark.pairingReference}; see the module README.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GtExponentiationBenchmark {

    private SecretScalar k;
    private GtElement t;
    private long[] limbs;

    @Setup
    public void setUp() throws InvalidElementException {
        SecureRandom random = new SecureRandom();
        k = SecretScalar.random(random);
        t = GtElement.generatorPow(SecretScalar.random(random));
        limbs = GtEncoding.decodeFp12(t.encode());
    }

    @Benchmark
    public GtElement variableBasePow() {
        return t.pow(k);
    }

    @Benchmark
    public long[][] frobeniusImages() {
        return GtFrobenius.absZPowers(limbs);
    }
}
