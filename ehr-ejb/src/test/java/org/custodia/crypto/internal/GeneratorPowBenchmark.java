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
 * Multiples of the generators: the precomputed comb ({@link FixedBaseComb}) against blst's variable-base
 * multiplication of the same point, which key generation and stored-key checks used before. Run it beside
 * {@code KemBenchmark.pairingReference}; see the module README.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GeneratorPowBenchmark {

    private SecretScalar k;

    @Setup
    public void setUp() {
        k = SecretScalar.random(new SecureRandom());
    }

    @Benchmark
    public G1Element g1Comb() {
        return G1Element.generatorPow(k);
    }

    @Benchmark
    public G1Element g1VariableBase() {
        return G1Element.generator().multiply(k);
    }

    @Benchmark
    public G2Element g2Comb() {
        return G2Element.generatorPow(k);
    }

    @Benchmark
    public G2Element g2VariableBase() {
        return G2Element.generator().multiply(k);
    }
}
