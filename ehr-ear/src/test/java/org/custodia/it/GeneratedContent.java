package org.custodia.it;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Reproducible pseudo-random content of any size, streamed without holding it in memory, and the SHA-256 of such
 * streams, so a large upload and its download can be compared byte for byte.
 */
final class GeneratedContent {

    private final long size;
    private final long seed;

    GeneratedContent(long size, long seed) {
        this.size = size;
        this.seed = seed;
    }

    long size() {
        return size;
    }

    InputStream stream() {
        return new InputStream() {
            private final SplittableRandom random = new SplittableRandom(seed);
            private long remaining = size;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (remaining == 0) {
                    return -1;
                }
                int n = (int) Math.min(length, remaining);
                for (int i = 0; i < n; i++) {
                    buffer[offset + i] = (byte) random.nextInt(256);
                }
                remaining -= n;
                return n;
            }
        };
    }

    String sha256() throws IOException {
        return sha256(stream());
    }

    /** The SHA-256 (hex) of what {@code in} yields, read to its end and closed. */
    static String sha256(InputStream in) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (in) {
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = in.read(buffer)) != -1) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
