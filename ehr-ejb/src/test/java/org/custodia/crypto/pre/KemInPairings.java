package org.custodia.crypto.pre;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.custodia.crypto.CryptoException;

/**
 * The KEM's operations in pairings, measured so that the machine's speed cancels out: each round times a slice of
 * one operation between two slices of the reference pairing ({@link KemBenchmark#pairingReference}) in the same
 * JVM, and divides the operation's time per call by the mean of the two pairings'. The printed figure for each
 * operation is the median of its rounds' ratios, with the quartiles. Separate JMH runs of the operation and the
 * pairing, minutes apart on a shared machine, moved the full cycle's ratio by more than the changes measured.
 *
 * <p>Run: {@code ./mvnw -B -pl ehr-ejb -Pbenchmark verify -DskipTests -Dbenchmark.main=org.custodia.crypto.pre.KemInPairings
 * -Djmh.args=<rounds>} (default 30 rounds, after 10 s of warm-up).
 */
public final class KemInPairings {

    private static final long SLICE_NANOS = 100_000_000L;
    private static final long WARM_UP_NANOS = 10_000_000_000L;

    /** An operation of {@link KemBenchmark}. */
    @FunctionalInterface
    private interface Operation {
        Object run() throws CryptoException;
    }

    /** Where the results go, so that no call can be left out as unused. */
    static volatile int sink;

    private KemInPairings() {
    }

    public static void main(String[] args) throws CryptoException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        KemBenchmark kem = new KemBenchmark();
        kem.setUp();
        Operation pairing = kem::pairingReference;
        Map<String, Operation> operations = new LinkedHashMap<>();
        operations.put("full AFGH cycle", kem::fullCycle);
        operations.put("key generation", kem::keyGeneration);
        operations.put("encapsulate", kem::encapsulate);
        operations.put("re-encryption key generation", kem::reEncryptionKeyGeneration);
        operations.put("re-encapsulate", kem::reEncapsulate);
        operations.put("decapsulate (delegatee)", kem::decapsulateByDelegatee);
        operations.put("decapsulate (owner, stored key)", kem::decapsulateByOwnerWithStoredKey);

        long warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
        while (System.nanoTime() < warmUpEnd) {
            for (Operation operation : operations.values()) {
                nanosPerCall(operation);
            }
            nanosPerCall(pairing);
        }
        Map<String, double[]> ratios = new LinkedHashMap<>();
        operations.keySet().forEach(name -> ratios.put(name, new double[rounds]));
        List<Double> pairings = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, Operation> operation : operations.entrySet()) {
                double before = nanosPerCall(pairing);
                double time = nanosPerCall(operation.getValue());
                double after = nanosPerCall(pairing);
                ratios.get(operation.getKey())[round] = time / ((before + after) / 2);
                pairings.add(before);
            }
        }
        double[] pairingMicros = pairings.stream().mapToDouble(nanos -> nanos / 1000).toArray();
        System.out.printf(Locale.ROOT, "%d rounds of %d ms slices; the pairing: median %.0f us (quartiles %.0f-%.0f)%n",
                rounds, SLICE_NANOS / 1_000_000, quantile(pairingMicros, 0.5), quantile(pairingMicros, 0.25),
                quantile(pairingMicros, 0.75));
        for (Map.Entry<String, double[]> entry : ratios.entrySet()) {
            double[] values = entry.getValue();
            System.out.printf(Locale.ROOT, "%-32s %.2f pairings (quartiles %.2f-%.2f)%n", entry.getKey(),
                    quantile(values, 0.5), quantile(values, 0.25), quantile(values, 0.75));
        }
    }

    /** Calls the operation for one slice and returns its mean time per call. */
    private static double nanosPerCall(Operation operation) throws CryptoException {
        long start = System.nanoTime();
        long elapsed;
        int calls = 0;
        do {
            sink += System.identityHashCode(operation.run());
            calls++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < SLICE_NANOS);
        return (double) elapsed / calls;
    }

    private static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = q * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }
}
