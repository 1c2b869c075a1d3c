package org.custodia.crypto.internal;

import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.P2_Affine;

/**
 * k P for a fixed point P of G1 or G2 (the generators), from a precomputed comb: one table per 4-bit window w of k
 * holding 0, 16^w P, .., 15 (16^w P) in affine form, so 64 mixed additions and no doublings, against the 255
 * doublings of a variable-base multiplication.
 *
 * <p>Constant time in k: each window's entry is read by scanning its whole table under a mask
 * ({@link CombTables#select}), and every window adds its entry with blst's add-or-double on an affine point, which is
 * complete and branch-free and reads the all-zero entry as the point at infinity.
 *
 * @param <J> jblst's point in Jacobian coordinates
 * @param <A> jblst's affine point
 */
final class FixedBaseComb<J, A> {

    /**
     * What the comb needs of a group as jblst models it: the point at infinity, sum + point written into sum, the
     * affine form of a point, the live coordinates of an affine point, and an affine point reading given coordinates
     * in place.
     */
    record Group<J, A>(Supplier<J> infinity, BiConsumer<J, A> add, Function<J, A> affine,
            Function<A, long[]> limbs, Function<long[], A> wrap) {
    }

    static final Group<P1, P1_Affine> G1 =
            new Group<>(P1::new, P1::add, P1::to_affine, AffineLimbs::of, AffineLimbs::g1);

    static final Group<P2, P2_Affine> G2 =
            new Group<>(P2::new, P2::add, P2::to_affine, AffineLimbs::of, AffineLimbs::g2);

    private final Group<J, A> group;
    private final long[][][] tables;

    /** Precomputes the 64 tables of 16 entries for {@code base} (96 KB in G1, 192 KB in G2). */
    FixedBaseComb(Group<J, A> group, A base) {
        this.group = group;
        int limbs = group.limbs().apply(base).length;
        tables = new long[CombTables.WINDOWS][CombTables.TABLE_SIZE][];
        A windowBase = base;
        for (int window = 0; window < CombTables.WINDOWS; window++) {
            long[][] table = tables[window];
            table[0] = new long[limbs];
            J multiple = group.infinity().get();
            for (int digit = 1; digit < CombTables.TABLE_SIZE; digit++) {
                group.add().accept(multiple, windowBase);
                table[digit] = group.limbs().apply(group.affine().apply(multiple)).clone();
            }
            if (window + 1 < CombTables.WINDOWS) {
                group.add().accept(multiple, windowBase);
                windowBase = group.affine().apply(multiple);
            }
        }
    }

    /** The base multiplied by {@code scalar} (32 big-endian bytes; any value works, 0 gives the point at infinity). */
    A multiply(byte[] scalar) {
        if (scalar.length != SecretScalar.LENGTH) {
            throw new IllegalArgumentException("scalar must be " + SecretScalar.LENGTH + " bytes");
        }
        J sum = group.infinity().get();
        long[] entry = new long[tables[0][0].length];
        A selected = group.wrap().apply(entry);
        for (int window = 0; window < CombTables.WINDOWS; window++) {
            CombTables.select(tables[window], CombTables.window(scalar, window), entry);
            group.add().accept(sum, selected);
        }
        Arrays.fill(entry, 0L);
        return group.affine().apply(sum);
    }
}
