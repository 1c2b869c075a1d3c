package org.custodia.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Streams records into and out of envelopes: a header naming the record and carrying the capsule, then the body
 * under a segmented streaming AEAD whose associated data is the header. Memory use is bounded by one segment
 * whatever the record size. No method closes the streams it is given.
 *
 * <p>Decryption releases plaintext segment by segment as each one authenticates, so when it fails part of the
 * plaintext may already have been written: write to a temporary place and keep the result only on success.
 */
public interface RecordEnvelopes {

    /** Length of a record id (the id the record is anchored under on chain). */
    int RECORD_ID_LENGTH = 32;

    /** Encrypts {@code plaintext} for {@code owner} under a fresh data key. */
    void encrypt(byte[] recordId, PrePublicKey owner, InputStream plaintext, OutputStream envelope)
            throws IOException, CryptoException;

    /**
     * Decrypts an envelope made for this key, or re-encrypted for it.
     *
     * @return the record id the envelope is bound to
     * @throws KeyMismatchException if the envelope is neither for this key nor re-encrypted for it
     * @throws DecryptionFailedException if the body or the header was modified, truncated or extended
     */
    byte[] decrypt(PrePrivateKey key, InputStream envelope, OutputStream plaintext)
            throws IOException, CryptoException;

    /**
     * What a proxy does: re-encapsulates the capsule for the key's delegatee and copies the body unchanged, so it
     * never sees plaintext or the data key.
     *
     * @throws KeyMismatchException if the envelope's owner is not the key's delegator
     */
    void reEncrypt(ReEncryptionKey key, InputStream envelope, OutputStream reEncrypted)
            throws IOException, CryptoException;

    /**
     * What a delegatee does before keeping an envelope re-encrypted for it, in one pass: copies the envelope as
     * received to {@code copy}, decapsulates with {@code key}, authenticates the whole body (the plaintext is only
     * counted) and hashes the original envelope, that is the header without its re-encryption part, then the body.
     *
     * @return the record id, the original envelope's SHA-256 (what its custodian anchored) and the plaintext size
     * @throws InvalidEnvelopeException  if the envelope is not re-encrypted
     * @throws KeyMismatchException      if it was re-encrypted for another key
     * @throws DecryptionFailedException if the body or the header was modified, truncated or extended
     */
    Received verifyReEncrypted(PrePrivateKey key, InputStream envelope, OutputStream copy)
            throws IOException, CryptoException;

    /**
     * Decrypts an envelope a proxy re-encrypted for this key, as {@link #decrypt} does, and hashes the original
     * envelope as {@link #verifyReEncrypted} does: what a delegatee does when it reads a record it kept, so that it
     * reads as that record only the envelope its custodian anchored. The hash is compared once the envelope's last
     * byte is read, before the plaintext of its last segment is written.
     *
     * @param originalSha256 the SHA-256 the original envelope must have (what its custodian anchored)
     * @return the record id, the original envelope's SHA-256 and the plaintext size
     * @throws InvalidEnvelopeException   if the envelope is not re-encrypted
     * @throws KeyMismatchException       if it was re-encrypted for another key
     * @throws DecryptionFailedException  if the body or the header was modified, truncated or extended
     * @throws OriginalMismatchException  if the original envelope's SHA-256 is not {@code originalSha256}
     */
    Received decryptReEncrypted(PrePrivateKey key, InputStream envelope, byte[] originalSha256,
            OutputStream plaintext) throws IOException, CryptoException;

    /**
     * Reads the header of an envelope as its owner made it and resets the stream to where it was (the stream must
     * support mark and reset): what a proxy needs to find the re-key before it commits to anything.
     *
     * @throws InvalidEnvelopeException if it is not an envelope of this suite as its owner made it (for example one
     *                                  already re-encrypted), or its capsule is not valid
     */
    Owner peekOwner(InputStream envelope) throws IOException, CryptoException;

    /** The record an envelope is bound to and the key it was made for. */
    record Owner(byte[] recordId, KeyFingerprint owner) {
    }

    /** What {@link #verifyReEncrypted} or {@link #decryptReEncrypted} found. */
    record Received(byte[] recordId, byte[] originalSha256, long plaintextSize) {
    }
}
