package org.custodia.records;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

import org.custodia.crypto.PrePrivateKey;
import org.custodia.kernel.CountingOutput;
import org.custodia.keys.KeyCustody;

/**
 * A record whose download was granted: its metadata, and its plaintext for one {@link #writeTo}. It owns the
 * patient's unwrapped private key and destroys it on {@link #close} (which every caller must reach: use
 * try-with-resources).
 *
 * <p>When is plaintext released? The envelope is read once, and each segment authenticates before its plaintext
 * is written; the envelope's SHA-256 (the hash anchored on chain) is known only at its end. A record of up to
 * {@link #CHECKED_BEFORE_RELEASE} bytes is therefore decrypted completely while it is opened, so nothing of it is
 * released before the whole envelope is known good. A larger one streams: what reaches the caller before the end
 * has passed authentication under the record's key and id, and a mismatch at the end fails {@link #writeTo}, so
 * the caller's response never completes (its declared length is not reached).
 *
 * <p>A small record's plaintext is decrypted into one buffer of its recorded size, written from there and wiped on
 * {@link #close}; a plaintext of another length than recorded is refused before any of it is released.
 */
public final class OpenedRecord implements AutoCloseable {

    /** Records up to this size are checked completely before any of their plaintext is released. */
    public static final long CHECKED_BEFORE_RELEASE = 1 << 20;

    /** Streams the envelope's plaintext; told the failures so they can be audited. */
    interface Source {
        void writeTo(PrePrivateKey key, OutputStream plaintext) throws IOException;

        void failedWhileStreaming(RecordIntegrityException failure);

        /**
         * The delivery failed for {@code reason} (the receiver went away, its connection failed, or the envelope could
         * not be read). The download was audited as succeeded when it was granted, before any byte went out.
         */
        void brokenOff(String reason);
    }

    private final RecordDetails details;
    private final Source source;
    private PrePrivateKey key;
    private PlaintextBuffer checked;
    private boolean written;

    private OpenedRecord(RecordDetails details, PrePrivateKey key, Source source) {
        this.details = details;
        this.key = key;
        this.source = source;
    }

    /**
     * Opens the record; a small one is decrypted and checked completely now.
     *
     * @throws RecordIntegrityException if a small record's envelope fails its checks or holds another length than
     *                                  recorded (nothing was released)
     */
    static OpenedRecord open(RecordDetails details, PrePrivateKey key, Source source) throws IOException {
        OpenedRecord opened = new OpenedRecord(details, key, source);
        if (details.size() <= CHECKED_BEFORE_RELEASE) {
            PlaintextBuffer plaintext = new PlaintextBuffer(details);
            try {
                source.writeTo(key, plaintext);
                plaintext.requireComplete();
                opened.checked = plaintext;
            } catch (IOException | RuntimeException e) {
                plaintext.wipe();
                throw e;
            } finally {
                opened.destroyKey();
            }
        }
        return opened;
    }

    public RecordDetails details() {
        return details;
    }

    /**
     * Writes the record's plaintext, once, and flushes it. A delivery that fails (the receiver went away) is audited
     * as failed with how much of it was handed to the connection.
     *
     * @throws RecordIntegrityException if a streamed envelope fails its checks; part of the plaintext may have been
     *                                  written, so the caller must abort its response (the failure is audited)
     */
    public void writeTo(OutputStream plaintext) throws IOException {
        if (written) {
            throw new IllegalStateException("the plaintext of record " + details.id() + " was already written");
        }
        written = true;
        CountingOutput counted = new CountingOutput(plaintext);
        try {
            if (checked != null) {
                checked.writeTo(counted);
            } else {
                source.writeTo(key, counted);
            }
            // what the connection still buffers fails here, while the failure can be audited
            counted.flush();
        } catch (RecordIntegrityException e) {
            source.failedWhileStreaming(e);
            throw e;
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            source.brokenOff((counted.failed() ? "delivery failed" : "reading the stored envelope failed") + " after "
                    + counted.count() + " of " + details.size() + " bytes were handed to the connection: " + why);
            throw e;
        } finally {
            destroyKey();
        }
    }

    /**
     * The plaintext of a record checked before release, read in place from the one buffer that holds it, for a
     * channel that must hand over a stream (SOAP's inline content). Counts as the one write; read it before
     * {@link #close}, which wipes it.
     *
     * @throws IllegalStateException for a record larger than {@link #CHECKED_BEFORE_RELEASE}, which only streams, or
     *                               one already written or closed
     */
    public InputStream checkedPlaintext() {
        if (checked == null) {
            throw new IllegalStateException("the plaintext of record " + details.id() + " is not held: it was closed, "
                    + "or is larger than " + CHECKED_BEFORE_RELEASE + " bytes and only streams");
        }
        if (written) {
            throw new IllegalStateException("the plaintext of record " + details.id() + " was already written");
        }
        written = true;
        return checked.reader();
    }

    /** Destroys the key and drops any plaintext held. */
    @Override
    public void close() {
        destroyKey();
        if (checked != null) {
            checked.wipe();
            checked = null;
        }
    }

    private void destroyKey() {
        if (key != null) {
            KeyCustody.destroy(key);
            key = null;
        }
    }

    /**
     * A small record's plaintext, in one array of exactly its recorded size that never grows (so no partial copy is
     * left behind) and is written without a copy.
     */
    static final class PlaintextBuffer extends ByteArrayOutputStream {

        private final String recordId;

        PlaintextBuffer(RecordDetails details) {
            super((int) details.size());
            this.recordId = details.id();
        }

        @Override
        public synchronized void write(int b) {
            requireRoom(1);
            super.write(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            requireRoom(length);
            super.write(bytes, offset, length);
        }

        /** Reads the array in place, without a copy. */
        synchronized InputStream reader() {
            return new ByteArrayInputStream(buf, 0, count);
        }

        /** The array as it is, for tests. */
        synchronized byte[] contents() {
            return buf;
        }

        synchronized void requireComplete() {
            if (count != buf.length) {
                throw lengthMismatch("holds " + count + " bytes, not the");
            }
        }

        synchronized void wipe() {
            Arrays.fill(buf, (byte) 0);
            count = 0;
        }

        private void requireRoom(int length) {
            if (length > buf.length - count) {
                throw lengthMismatch("holds more than the");
            }
        }

        private RecordIntegrityException lengthMismatch(String holds) {
            return new RecordIntegrityException("the stored envelope of record " + recordId + " " + holds + " "
                    + buf.length + " bytes recorded for it: download refused");
        }
    }
}
