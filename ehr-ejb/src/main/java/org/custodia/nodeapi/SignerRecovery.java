package org.custodia.nodeapi;

/**
 * Recovers the ledger account that made a signature, the counterpart of {@link LedgerSigning#sign(byte[])}.
 */
@FunctionalInterface
public interface SignerRecovery {

    /**
     * The address ({@code 0x} and 40 hex digits) of the account whose key made {@code signature} over
     * {@code message}. A well-formed signature over another message, or by another key, recovers another address,
     * so the result must be compared with the address expected.
     *
     * @throws MalformedSignatureException when {@code signature} cannot be a signature at all: wrong length, a
     *                                     recovery byte out of range, {@code r} or {@code s} out of range
     */
    String recover(byte[] message, byte[] signature) throws MalformedSignatureException;
}
