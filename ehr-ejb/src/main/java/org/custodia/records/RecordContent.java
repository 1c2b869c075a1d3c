package org.custodia.records;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A record whose envelope was checked and whose download was granted: its metadata now, its plaintext when
 * {@link #writeTo} streams it (the patient's key is unwrapped for that call only).
 */
public final class RecordContent {

    /** Streams the plaintext. */
    @FunctionalInterface
    interface Writer {
        void writeTo(OutputStream plaintext) throws IOException;
    }

    private final RecordDetails details;
    private final Writer writer;

    RecordContent(RecordDetails details, Writer writer) {
        this.details = details;
        this.writer = writer;
    }

    public RecordDetails details() {
        return details;
    }

    /**
     * Writes the record's plaintext. Fails with {@link RecordIntegrityException} if the envelope changed since it
     * was checked; part of the plaintext may have been written by then, so the caller must abort its response.
     */
    public void writeTo(OutputStream plaintext) throws IOException {
        writer.writeTo(plaintext);
    }
}
