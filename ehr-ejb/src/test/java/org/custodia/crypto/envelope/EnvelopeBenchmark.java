package org.custodia.crypto.envelope;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.custodia.crypto.CryptoException;
import org.custodia.crypto.PreKeyPair;
import org.custodia.crypto.pre.AfghKem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Envelope encryption and decryption of whole records, from memory to a discarding sink, including the KEM work
 * for each record. Throughput in MB/s is the record size divided by the time per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EnvelopeBenchmark {

    @Param({"1024", "1048576", "268435456"})
    public int recordBytes;

    private final AfghKem kem = new AfghKem(new SecureRandom());
    private final StreamingEnvelopes envelopes = new StreamingEnvelopes(kem);
    private final byte[] recordId = new byte[32];
    private PreKeyPair owner;
    private byte[] plaintext;
    private byte[] envelope;

    @Setup
    public void setUp() throws IOException, CryptoException {
        owner = kem.generateKeyPair();
        plaintext = new byte[recordBytes];
        new Random(1).nextBytes(plaintext);
        ByteArrayOutputStream out = new ByteArrayOutputStream(recordBytes + (recordBytes >> 10) + 4096);
        envelopes.encrypt(recordId, owner.publicKey(), new ByteArrayInputStream(plaintext), out);
        envelope = out.toByteArray();
    }

    @Benchmark
    public void encrypt() throws IOException, CryptoException {
        envelopes.encrypt(recordId, owner.publicKey(), new ByteArrayInputStream(plaintext),
                OutputStream.nullOutputStream());
    }

    @Benchmark
    public byte[] decrypt() throws IOException, CryptoException {
        return envelopes.decrypt(owner.privateKey(), new ByteArrayInputStream(envelope),
                OutputStream.nullOutputStream());
    }
}
