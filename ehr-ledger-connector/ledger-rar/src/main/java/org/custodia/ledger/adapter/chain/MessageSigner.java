package org.custodia.ledger.adapter.chain;

import java.util.Objects;

import org.custodia.ledger.api.LedgerSignatures;
import org.web3j.crypto.Sign;

/**
 * Signs messages in the format of {@link LedgerSignatures} (EIP-191 prefixed Keccak-256, recoverable secp256k1,
 * {@code r || s || v}) with the node's account key, which stays in the {@link RecoverableSigner} that signs the
 * node's transactions too; only signatures leave. Signed deterministically (RFC 6979) and canonically (low
 * {@code s}), as web3j signs. Thread-safe.
 */
final class MessageSigner {

    private final RecoverableSigner signer;

    MessageSigner(RecoverableSigner signer) {
        this.signer = signer;
    }

    byte[] sign(byte[] message) {
        Objects.requireNonNull(message, "the message to sign is missing");
        Sign.SignatureData signature = signer.sign(Sign.getEthereumMessageHash(message));
        byte[] v = signature.getV();
        if (v.length != 1 || (v[0] != 27 && v[0] != 28)) {
            // recovery ids 2 and 3 need an r at least the curve order: about one signature in 2^127
            throw new IllegalStateException("the signature's recovery byte is not 27 or 28; sign another message");
        }
        byte[] encoded = new byte[LedgerSignatures.SIGNATURE_LENGTH];
        System.arraycopy(signature.getR(), 0, encoded, 0, 32);
        System.arraycopy(signature.getS(), 0, encoded, 32, 32);
        encoded[64] = v[0];
        return encoded;
    }
}
