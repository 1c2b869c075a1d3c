package org.custodia.crypto.internal;

import java.util.Arrays;

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

    /** What the comb needs of a group as jblst models it. */
    interface Group<J, A> {

        J infinity();

        /** sum + point, written into sum. */
        void add(J sum, A point);

        A affine(J point);

        /** The live coordinates of an affine point. */
        long[] limbs(A point);

        /** An affine point that reads {@code limbs} in place. */
        A wrap(long[] limbs);
    }

    static final Group<P1, P1_Affine> G1 = new Group<>() {
        @Override
        public P1 infinity() {
            return new P1();
        }

        @Override
        public void add(P1 sum, P1_Affine point) {
            sum.add(point);
        }

        @Override
        public P1_Affine affine(P1 point) {
            return point.to_affine();
        }

        @Override
        public long[] limbs(P1_Affine point) {
            return AffineLimbs.of(point);
        }

        @Override
        public P1_Affine wrap(long[] limbs) {
            return AffineLimbs.g1(limbs);
        }
    };

    static final Group<P2, P2_Affine> G2 = new Group<>() {
        @Override
        public P2 infinity() {
            return new P2();
        }

        @Override
        public void add(P2 sum, P2_Affine point) {
            sum.add(point);
        }

        @Override
        public P2_Affine affine(P2 point) {
            return point.to_affine();
        }

        @Override
        public long[] limbs(P2_Affine point) {
            return AffineLimbs.of(point);
        }

        @Override
        public P2_Affine wrap(long[] limbs) {
            return AffineLimbs.g2(limbs);
        }
    };

    private final Group<J, A> group;
    private final long[][][] tables;

    /** Precomputes the 64 tables of 16 entries for {@code base} (96 KB in G1, 192 KB in G2). */
    FixedBaseComb(Group<J, A> group, A base) {
        this.group = group;
        int limbs = group.limbs(base).length;
        tables = new long[CombTables.WINDOWS][CombTables.TABLE_SIZE][];
        A windowBase = base;
        for (int window = 0; window < CombTables.WINDOWS; window++) {
            long[][] table = tables[window];
            table[0] = new long[limbs];
            J multiple = group.infinity();
            for (int digit = 1; digit < CombTables.TABLE_SIZE; digit++) {
                group.add(multiple, windowBase);
                table[digit] = group.limbs(group.affine(multiple)).clone();
            }
            group.add(multiple, windowBase);
            windowBase = group.affine(multiple);
        }
    }

    /** The base multiplied by {@code scalar} (32 big-endian bytes; any value works, 0 gives the point at infinity). */
    A multiply(byte[] scalar) {
        if (scalar.length != SecretScalar.LENGTH) {
            throw new IllegalArgumentException("scalar must be " + SecretScalar.LENGTH + " bytes");
        }
        J sum = group.infinity();
        long[] entry = new long[tables[0][0].length];
        A selected = group.wrap(entry);
        for (int window = 0; window < CombTables.WINDOWS; window++) {
            CombTables.select(tables[window], CombTables.window(scalar, window), entry);
            group.add(sum, selected);
        }
        Arrays.fill(entry, 0L);
        return group.affine(sum);
    }
}
