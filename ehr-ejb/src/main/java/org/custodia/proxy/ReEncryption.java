package org.custodia.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.custodia.crypto.CryptoException;
import org.custodia.crypto.ReEncryptionKey;
import org.custodia.crypto.RecordEnvelopes;
import org.custodia.kernel.CountingOutput;
import org.custodia.kernel.Failure;
import org.custodia.kernel.SharingException;
import org.custodia.ledger.api.Issued;

/**
 * A re-encryption whose access is logged on chain, ready to stream: {@link #writeTo} writes the envelope with its
 * capsule re-encapsulated for the caller and the body copied through unchanged, in memory bounded by a buffer
 * whatever the record's size. It owns the custodian's response stream and closes it when written or on
 * {@link #close} (which every caller must reach: use try-with-resources).
 */
public final class ReEncryption implements AutoCloseable {

    /** Told how the stream ended, so that it is counted, and audited if it broke off. */
    interface Completion {
        void served();

        void brokenOff(String reason);
    }

    private final String recordId;
    private final Issued accessLog;
    private final ReEncryptionKey key;
    private final RecordEnvelopes envelopes;
    private final InputStream envelope;
    private final Completion completion;
    private boolean written;
    private boolean closed;

    ReEncryption(String recordId, Issued accessLog, ReEncryptionKey key, RecordEnvelopes envelopes,
            InputStream envelope, Completion completion) {
        this.recordId = recordId;
        this.accessLog = accessLog;
        this.key = key;
        this.envelopes = envelopes;
        this.envelope = envelope;
        this.completion = completion;
    }

    /** The record id, 64 lowercase hex digits. */
    public String recordId() {
        return recordId;
    }

    /** Hash of the transaction that logged this access on chain ({@code 0x} and 64 hex digits). */
    public String accessLogTransaction() {
        return accessLog.transaction().transactionHash().toString();
    }

    /**
     * Writes the re-encrypted envelope, once, and closes the custodian's stream.
     *
     * @throws SharingException ({@link Failure#INTEGRITY_FAILURE}) if the envelope cannot be re-encrypted after all
     *                          (nothing was written)
     * @throws IOException      if the custodian's stream or {@code out} breaks off; part of the envelope may have been
     *                          written, so the caller must abort its response
     */
    public void writeTo(OutputStream out) throws IOException {
        if (written) {
            throw new IllegalStateException("the re-encryption of record " + recordId + " was already written");
        }
        written = true;
        CountingOutput counting = new CountingOutput(out);
        try {
            envelopes.reEncrypt(key, envelope, counting);
            counting.flush();
            completion.served();
        } catch (CryptoException e) {
            completion.brokenOff("the envelope could not be re-encrypted: " + e.getMessage());
            throw new SharingException(Failure.INTEGRITY_FAILURE, "the envelope of record " + recordId
                    + " could not be re-encrypted: " + e.getMessage(), e);
        } catch (IOException e) {
            completion.brokenOff("the stream broke off after " + counting.count() + " bytes: " + e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            completion.brokenOff("failed: " + e.getClass().getSimpleName());
            throw e;
        } finally {
            close();
        }
    }

    /**
     * Closes the custodian's stream, if {@link #writeTo} has not. A re-encryption closed without being written (its
     * response failed or was dropped before its body) is reported broken off: its access is logged on chain.
     */
    @Override
    public void close() {
        if (!written) {
            written = true;
            try {
                completion.brokenOff("never streamed: the response ended before its body was written");
            } finally {
                close();
            }
            return;
        }
        if (!closed) {
            closed = true;
            try {
                envelope.close();
            } catch (IOException e) {
                // the exchange with the custodian is over either way
            }
        }
    }
}
