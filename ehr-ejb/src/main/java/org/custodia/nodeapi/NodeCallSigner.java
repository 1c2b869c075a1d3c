package org.custodia.nodeapi;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;

/**
 * Signs this node's requests to other nodes with its ledger account: computes the body's digest, picks a fresh
 * nonce, signs the signature base and answers the three header fields to send. Thread-safe when its
 * {@link LedgerSigning} is.
 */
public final class NodeCallSigner {

    private static final int NONCE_BYTES = 16;

    private final LedgerSigning signing;
    private final Clock clock;
    private final SecureRandom random;

    /**
     * @param signing the node's ledger account
     * @param clock   the source of {@code created}
     * @param random  the source of nonces (16 random bytes each)
     */
    public NodeCallSigner(LedgerSigning signing, Clock clock, SecureRandom random) {
        this.signing = Objects.requireNonNull(signing, "the ledger signing is missing");
        this.clock = Objects.requireNonNull(clock, "the clock is missing");
        this.random = Objects.requireNonNull(random, "the random source is missing");
    }

    /**
     * The header fields for a request with content {@code body} (an empty array for none).
     *
     * @param method    the request method in upper case, exactly as it will be sent
     * @param targetUri the full request URI exactly as it will be sent
     * @throws IllegalArgumentException when the method or target URI cannot be signed (see {@link SignatureBase})
     */
    public NodeCallHeaders sign(String method, String targetUri, byte[] body) {
        return sign(method, targetUri, ContentDigest.of(body));
    }

    /** The header fields for a request whose content, streamed, has digest {@code bodyDigest}. */
    public NodeCallHeaders sign(String method, String targetUri, ContentDigest bodyDigest) {
        SignatureParameters parameters = new SignatureParameters(clock.instant().getEpochSecond(), signing.address(),
                newNonce());
        SignatureBase base = SignatureBase.of(method, targetUri, bodyDigest, parameters);
        byte[] signature = signing.sign(base.bytes());
        if (signature == null || signature.length != LedgerSigning.SIGNATURE_LENGTH) {
            throw new IllegalStateException("the ledger signing returned "
                    + (signature == null ? "no signature" : signature.length + " bytes") + " instead of a "
                    + LedgerSigning.SIGNATURE_LENGTH + "-byte recoverable signature");
        }
        return new NodeCallHeaders(bodyDigest.fieldValue(), SignatureFields.input(parameters),
                SignatureFields.signature(signature));
    }

    private String newNonce() {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
    }
}
