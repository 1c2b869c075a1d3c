package org.custodia.crypto.pre;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * A deterministic byte stream, SHA-256(seed || counter) block by block, for known-answer vectors only. It does not
 * depend on any JDK provider's PRNG, so the vectors are the same on every platform.
 */
final class FixedSeedRandom extends SecureRandom {

    private final byte[] seed;
    private long counter;
    private byte[] block = new byte[0];
    private int used;

    FixedSeedRandom(byte[] seed) {
        this.seed = seed.clone();
    }

    @Override
    public synchronized void nextBytes(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (used == block.length) {
                block = nextBlock();
                used = 0;
            }
            bytes[i] = block[used++];
        }
    }

    private byte[] nextBlock() {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(seed);
            sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(counter++).array());
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
