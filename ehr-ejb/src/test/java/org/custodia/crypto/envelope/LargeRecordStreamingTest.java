package org.custodia.crypto.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import org.custodia.crypto.PreKeyPair;
import org.custodia.crypto.pre.AfghKem;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A 1 GiB record through encryption, proxy re-encryption and delegatee decryption, piped stage to stage with no
 * stage holding more than a segment, in a JVM limited to a 128 MiB heap. Slow: run with {@code -Pslow-tests}.
 */
@Tag("slow")
class LargeRecordStreamingTest {

    private static final long SIZE = Long.getLong("custodia.largeRecordBytes", 1L << 30);
    private static final int PIPE_BUFFER = 1 << 20;

    @Test
    void oneGibibyteRoundTripsUnderASmallHeap() throws Exception {
        assertTrue(Runtime.getRuntime().maxMemory() <= 160L << 20,
                "run with -Pslow-tests, which limits the heap to 128 MiB");
        AfghKem kem = new AfghKem(new SecureRandom());
        StreamingEnvelopes envelopes = new StreamingEnvelopes(kem);
        PreKeyPair owner = kem.generateKeyPair();
        PreKeyPair delegatee = kem.generateKeyPair();
        var rk = kem.reEncryptionKey(owner.privateKey(), delegatee.publicKey());

        PipedInputStream envelopeIn = new PipedInputStream(PIPE_BUFFER);
        PipedOutputStream envelopeOut = new PipedOutputStream(envelopeIn);
        PipedInputStream reEncryptedIn = new PipedInputStream(PIPE_BUFFER);
        PipedOutputStream reEncryptedOut = new PipedOutputStream(reEncryptedIn);
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        MessageDigest received = MessageDigest.getInstance("SHA-256");

        CompletableFuture<Void> encrypt = CompletableFuture.runAsync(() -> {
            try (OutputStream out = envelopeOut;
                    InputStream plaintext = new DigestInputStream(new PatternStream(SIZE), sent)) {
                envelopes.encrypt(new byte[32], owner.publicKey(), plaintext, out);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        CompletableFuture<Void> proxy = CompletableFuture.runAsync(() -> {
            try (OutputStream out = reEncryptedOut) {
                envelopes.reEncrypt(rk, envelopeIn, out);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        CountingStream counter = new CountingStream();
        envelopes.decrypt(delegatee.privateKey(), reEncryptedIn, new DigestOutputStream(counter, received));
        encrypt.join();
        proxy.join();

        assertEquals(SIZE, counter.count);
        assertArrayEquals(sent.digest(), received.digest());
    }

    /** SIZE bytes of a repeating non-trivial pattern, generated on the fly. */
    private static final class PatternStream extends InputStream {
        private final long size;
        private long position;

        PatternStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return position < size ? (int) (position++ * 31 >>> 3) & 0xff : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(length, size - position);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = (byte) ((position++ * 31) >>> 3);
            }
            return n;
        }
    }

    private static final class CountingStream extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] buffer, int offset, int length) {
            count += length;
        }
    }
}
