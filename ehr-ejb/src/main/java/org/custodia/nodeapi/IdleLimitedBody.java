package org.custodia.nodeapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.custodia.kernel.SenderRate;

/**
 * A response body read as a stream in which every read waits at most a set time for the callee's next bytes, and
 * which must arrive at the {@link SenderRate} once the reader has waited that long in all. The HTTP client's own
 * timeout ends once the response headers arrive: a callee that sends them and then stays silent, or sends a byte now
 * and then, would otherwise hold the reading thread (a proxy's request thread, an outbox thread) for as long as it
 * likes. A read that waits longer, or a body that arrives more slowly, ends the exchange with
 * {@link HttpTimeoutException}. The reader's own pauses between reads (a proxy logging the access on chain before it
 * streams) do not count against the callee.
 *
 * <p>Bytes are asked for one part at a time, as they are read, so a slow reader holds at most two parts.
 */
final class IdleLimitedBody implements HttpResponse.BodySubscriber<InputStream> {

    private static final Object END = new Object();

    private final Duration idleLimit;
    /** Parts in arrival order: a {@code List<ByteBuffer>}, the failure that ended the exchange, or {@link #END}. */
    private final BlockingQueue<Object> parts = new LinkedBlockingQueue<>();
    private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    private final Body body = new Body();
    private final AtomicLong received = new AtomicLong();
    /** Read by the reading thread only. */
    private final SenderRate rate;

    IdleLimitedBody(Duration idleLimit) {
        this.idleLimit = Objects.requireNonNull(idleLimit, "the idle limit is missing");
        this.rate = new SenderRate(idleLimit);
    }

    @Override
    public void onSubscribe(Flow.Subscription given) {
        if (!subscription.compareAndSet(null, given)) {
            given.cancel();
            return;
        }
        if (body.closed) {
            given.cancel();
        } else {
            given.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        long bytes = 0;
        for (ByteBuffer buffer : item) {
            bytes += buffer.remaining();
        }
        received.addAndGet(bytes);
        parts.add(item);
    }

    @Override
    public void onError(Throwable failure) {
        parts.add(failure);
    }

    @Override
    public void onComplete() {
        parts.add(END);
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return CompletableFuture.completedStage(body);
    }

    private void cancel() {
        Flow.Subscription current = subscription.get();
        if (current != null) {
            current.cancel();
        }
    }

    private final class Body extends InputStream {

        private Iterator<ByteBuffer> buffers = Collections.emptyIterator();
        private ByteBuffer buffer = ByteBuffer.allocate(0);
        private boolean ended;
        private IOException failure;
        private volatile boolean closed;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, target.length);
            if (closed) {
                throw new IOException("the response body was closed");
            }
            if (length == 0) {
                return 0;
            }
            while (!buffer.hasRemaining()) {
                if (buffers.hasNext()) {
                    buffer = buffers.next();
                } else if (!nextPart()) {
                    return -1;
                }
            }
            int count = Math.min(length, buffer.remaining());
            buffer.get(target, offset, count);
            return count;
        }

        @Override
        public int available() {
            return buffer.remaining();
        }

        /** Takes the next part of the body; false at its end. */
        @SuppressWarnings("unchecked")
        private boolean nextPart() throws IOException {
            if (failure != null) {
                throw failure;
            }
            if (ended) {
                return false;
            }
            Object part = waitForPart();
            if (part == END) {
                ended = true;
                return false;
            }
            if (part instanceof Throwable broken) {
                failure = broken instanceof IOException io ? io
                        : new IOException("the response body broke off: " + broken, broken);
                throw failure;
            }
            buffers = ((List<ByteBuffer>) part).iterator();
            subscription.get().request(1);
            return true;
        }

        private Object waitForPart() throws IOException {
            Object part = parts.poll();
            if (part != null) {
                return part;
            }
            long bytes = received.get();
            if (rate.tooSlow(bytes)) {
                close();
                failure = new HttpTimeoutException("the callee sent " + rate.shortfall(bytes));
                throw failure;
            }
            long waitStarted = System.nanoTime();
            try {
                part = parts.poll(idleLimit.toNanos(), TimeUnit.NANOSECONDS);
                rate.waited(System.nanoTime() - waitStarted);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new InterruptedIOException("interrupted while waiting for the response body");
            }
            if (part == null) {
                close();
                failure = new HttpTimeoutException("the callee sent nothing more of its answer for "
                        + idleLimit.toSeconds() + " s");
                throw failure;
            }
            return part;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                cancel();
            }
        }
    }
}
