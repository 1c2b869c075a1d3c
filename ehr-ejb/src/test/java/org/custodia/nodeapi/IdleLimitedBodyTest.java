package org.custodia.nodeapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.custodia.kernel.SenderRate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The body's limits count the time its reader waits for the callee, not the reader's own pauses: the HTTP client asks
 * for one part at a time, so a reader that pauses holds the callee back, and that must not be taken for a slow callee.
 */
class IdleLimitedBodyTest {

    private static final int PART = 100;

    private final ScheduledExecutorService callee = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        callee.shutdownNow();
    }

    /** A callee that sends {@code parts} parts of {@value #PART} bytes, each {@code delayMillis} after it is asked for. */
    private IdleLimitedBody bodyOf(IdleLimitedBody body, int parts, long delayMillis) {
        AtomicInteger sent = new AtomicInteger();
        body.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                callee.schedule(() -> {
                    int index = sent.getAndIncrement();
                    if (index < parts) {
                        byte[] part = new byte[PART];
                        Arrays.fill(part, (byte) index);
                        body.onNext(List.of(ByteBuffer.wrap(part)));
                    } else if (index == parts) {
                        body.onComplete();
                    }
                }, delayMillis, TimeUnit.MILLISECONDS);
            }

            @Override
            public void cancel() {
                sent.set(parts + 1);
            }
        });
        return body;
    }

    @Test
    void aReaderThatPausesLongerThanTheLimitBeforeReadingStillReadsAPromptCalleesWholeBody() throws Exception {
        IdleLimitedBody body = bodyOf(new IdleLimitedBody(Duration.ofMillis(200)), 20, 2);
        Thread.sleep(600);

        InputStream stream = body.getBody().toCompletableFuture().get();
        byte[] read = stream.readAllBytes();

        byte[] expected = new byte[20 * PART];
        for (int i = 0; i < 20; i++) {
            Arrays.fill(expected, i * PART, (i + 1) * PART, (byte) i);
        }
        assertArrayEquals(expected, read, "the callee kept pace whenever it was asked");
    }

    /** 100 bytes each 400 ms: a quarter of the slowest rate, each well within the wait for the next part. */
    @Test
    void aCalleeThatKeepsItsReaderWaitingIsCutOffAtTheSlowestRate() throws Exception {
        IdleLimitedBody body = bodyOf(new IdleLimitedBody(Duration.ofSeconds(1)), 1000, 400);

        InputStream stream = body.getBody().toCompletableFuture().get();
        HttpTimeoutException slow = assertThrows(HttpTimeoutException.class, stream::readAllBytes);

        assertTrue(slow.getMessage().contains("more slowly than " + SenderRate.MIN_BYTES_PER_SECOND), slow.getMessage());
    }
}
