package org.custodia.nodeapi;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The signature parameters of a node-to-node call: when it was signed ({@code created}, Unix seconds), by which
 * ledger account ({@code keyid}) and with which single-use {@code nonce}. Together with the fixed covered
 * components they form the {@code Signature-Input} member and the last line of the signature base.
 *
 * @param created Unix seconds, 0 to {@value #MAX_CREATED} (an RFC 8941 integer)
 * @param keyid   the signer's ledger address: {@code 0x} and 40 lowercase hex digits
 * @param nonce   16 to 64 base64url characters ({@code A-Z a-z 0-9 - _}), used once
 */
public record SignatureParameters(long created, String keyid, String nonce) {

    /** Largest {@code created}: the largest integer a structured field carries (15 digits). */
    public static final long MAX_CREATED = 999_999_999_999_999L;

    /** The covered components, in their fixed order, as an inner list. */
    static final String COVERED_COMPONENTS = "(\"@method\" \"@target-uri\" \"content-digest\")";
    /** Syntax of {@code keyid}. */
    static final String KEYID_SYNTAX = "0x[0-9a-f]{40}";
    /** Syntax of {@code nonce}. */
    static final String NONCE_SYNTAX = "[A-Za-z0-9_-]{16,64}";

    private static final Pattern KEYID = Pattern.compile(KEYID_SYNTAX);
    private static final Pattern NONCE = Pattern.compile(NONCE_SYNTAX);

    public SignatureParameters {
        if (created < 0 || created > MAX_CREATED) {
            throw new IllegalArgumentException("created must be Unix seconds between 0 and " + MAX_CREATED);
        }
        if (keyid == null || !KEYID.matcher(keyid).matches()) {
            throw new IllegalArgumentException("keyid must be a ledger address: 0x and 40 lowercase hex digits");
        }
        if (nonce == null || !NONCE.matcher(nonce).matches()) {
            throw new IllegalArgumentException("nonce must be 16 to 64 base64url characters (A-Z a-z 0-9 - _)");
        }
    }

    /** {@code created} as an instant. */
    public Instant createdAt() {
        return Instant.ofEpochSecond(created);
    }

    /**
     * The covered components with these parameters, serialized as RFC 9421 section 2.3 does: the value of the
     * {@code @signature-params} line and of the {@code Signature-Input} member.
     */
    public String serialized() {
        return COVERED_COMPONENTS + ";created=" + created + ";keyid=\"" + keyid + "\";nonce=\"" + nonce + "\"";
    }
}
