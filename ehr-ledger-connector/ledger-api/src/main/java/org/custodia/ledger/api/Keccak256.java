package org.custodia.ledger.api;

import java.util.Arrays;

/**
 * Keccak-256 as Ethereum uses it: the Keccak submission's padding ({@code 0x01 ... 0x80}), not FIPS 202 SHA3-256
 * (which pads with {@code 0x06} and so gives other digests). Here because the JDK has no Keccak and this jar
 * depends on no crypto library; it hashes public data only (addresses, signed messages). One instance hashes one
 * message.
 */
final class Keccak256 {

    /** Bytes absorbed per permutation: 1600 - 2 * 256 bits. */
    private static final int RATE = 136;
    private static final int ROUNDS = 24;
    private static final long[] ROUND_CONSTANTS = {
        0x0000000000000001L, 0x0000000000008082L, 0x800000000000808aL, 0x8000000080008000L,
        0x000000000000808bL, 0x0000000080000001L, 0x8000000080008081L, 0x8000000000008009L,
        0x000000000000008aL, 0x0000000000000088L, 0x0000000080008009L, 0x000000008000000aL,
        0x000000008000808bL, 0x800000000000008bL, 0x8000000000008089L, 0x8000000000008003L,
        0x8000000000008002L, 0x8000000000000080L, 0x000000000000800aL, 0x800000008000000aL,
        0x8000000080008081L, 0x8000000000008080L, 0x0000000080000001L, 0x8000000080008008L};
    /** Rho rotation of each lane, in the order of {@link #PI_LANES}. */
    private static final int[] RHO_ROTATIONS = {
        1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44};
    /** The pi step as a cycle through the lanes, starting from lane 1. */
    private static final int[] PI_LANES = {
        10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1};

    private final long[] state = new long[25];
    private final byte[] block = new byte[RATE];
    private int filled;

    /** The digest of {@code data}. */
    static byte[] hash(byte[] data) {
        Keccak256 keccak = new Keccak256();
        keccak.update(data);
        return keccak.digest();
    }

    void update(byte[] data) {
        for (byte b : data) {
            block[filled++] = b;
            if (filled == RATE) {
                absorb();
                filled = 0;
            }
        }
    }

    /** Pads, absorbs the last block and returns the 32-byte digest. */
    byte[] digest() {
        Arrays.fill(block, filled, RATE, (byte) 0);
        block[filled] ^= 0x01;
        block[RATE - 1] ^= (byte) 0x80;
        absorb();
        byte[] digest = new byte[32];
        for (int i = 0; i < digest.length; i++) {
            digest[i] = (byte) (state[i / 8] >>> (8 * (i % 8)));
        }
        return digest;
    }

    /** XORs the block into the state (lanes are little-endian) and permutes. */
    private void absorb() {
        for (int lane = 0; lane < RATE / 8; lane++) {
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value |= (block[8 * lane + i] & 0xffL) << (8 * i);
            }
            state[lane] ^= value;
        }
        permute(state);
    }

    /** Keccak-f[1600]: theta, rho and pi, chi, iota. */
    private static void permute(long[] a) {
        long[] column = new long[5];
        for (int round = 0; round < ROUNDS; round++) {
            for (int x = 0; x < 5; x++) {
                column[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
            }
            for (int x = 0; x < 5; x++) {
                long d = column[(x + 4) % 5] ^ Long.rotateLeft(column[(x + 1) % 5], 1);
                for (int y = 0; y < 25; y += 5) {
                    a[y + x] ^= d;
                }
            }
            long carried = a[1];
            for (int i = 0; i < 24; i++) {
                int lane = PI_LANES[i];
                long next = a[lane];
                a[lane] = Long.rotateLeft(carried, RHO_ROTATIONS[i]);
                carried = next;
            }
            for (int y = 0; y < 25; y += 5) {
                for (int x = 0; x < 5; x++) {
                    column[x] = a[y + x];
                }
                for (int x = 0; x < 5; x++) {
                    a[y + x] ^= ~column[(x + 1) % 5] & column[(x + 2) % 5];
                }
            }
            a[0] ^= ROUND_CONSTANTS[round];
        }
    }
}
