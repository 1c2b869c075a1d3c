package org.custodia.nodeapi;

import java.util.Locale;

/** Why a node-to-node call was refused, with the HTTP status to answer it with. */
public enum RefusalReason {
    /** No signature, or signature fields not in the profile's form: 401. */
    UNSIGNED(401),
    /** The body does not match its {@code Content-Digest}: 401. */
    DIGEST_MISMATCH(401),
    /** {@code created} lies outside the window around the receiver's clock, in the past or the future: 401. */
    STALE(401),
    /** The nonce was already used by the same caller within the window: 401. */
    REPLAYED(401),
    /** The signature was not made over this request by the key of {@code keyid}: 401. */
    BAD_SIGNATURE(401),
    /** The signer is not a current consortium member: 403. */
    NOT_A_MEMBER(403),
    /** The signer is a member, but not in the role the endpoint requires: 403. */
    WRONG_ROLE(403);

    private final int status;

    RefusalReason(int status) {
        this.status = status;
    }

    /** The HTTP status: 401 when the caller is not authenticated, 403 when it is but may not call. */
    public int status() {
        return status;
    }

    /** The reason in kebab case ({@code bad-signature}), as audit entries and problem types name it. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
