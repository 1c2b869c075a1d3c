package org.custodia.nodeapi;

import org.custodia.ledger.api.LedgerSignatures;

/**
 * This node's ledger account as the signer of its calls to other nodes. The account key stays in the ledger
 * connector: this interface signs a message and names the account, and exposes no key.
 */
public interface LedgerSigning {

    /** Length of a recoverable secp256k1 signature: r (32 bytes), s (32 bytes) and the recovery byte v. */
    int SIGNATURE_LENGTH = LedgerSignatures.SIGNATURE_LENGTH;

    /** The account's address: {@code 0x} and 40 lowercase hex digits (20 bytes). */
    String address();

    /**
     * A {@value #SIGNATURE_LENGTH}-byte recoverable secp256k1 signature of {@code message} by the account key. How
     * the message is hashed before signing is the connector's; {@link SignerRecovery} must undo exactly that.
     */
    byte[] sign(byte[] message);
}
