package org.custodia.nodeapi;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The signature base of a node-to-node call (RFC 9421 section 2.5): what the caller signs and the receiver
 * re-creates. One line per covered component and the parameters line, separated by LF, with no final LF:
 * <pre>
 * "@method": POST
 * "@target-uri": https://proxy.example.org/custodia/node-api/v1/records/r-1/re-encryption
 * "content-digest": sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:
 * "@signature-params": ("@method" "@target-uri" "content-digest");created=1618884473;keyid="0x...";nonce="..."
 * </pre>
 * Everything in it is US-ASCII (and so the same bytes in UTF-8).
 */
public final class SignatureBase {

    /** Longest target URI accepted. */
    public static final int MAX_TARGET_URI_LENGTH = 4096;

    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");

    private final String text;

    private SignatureBase(String text) {
        this.text = text;
    }

    /**
     * The base for a request.
     *
     * @param method    the request method, in upper case as sent ({@code GET}, {@code PUT}, ...)
     * @param targetUri the full request URI as the client sent it: absolute {@code https} (or {@code http}) with
     *                  host, path and query, percent-encoded, no fragment
     * @throws IllegalArgumentException when the method or the target URI cannot be part of a base
     */
    public static SignatureBase of(String method, String targetUri, ContentDigest contentDigest,
            SignatureParameters parameters) {
        Objects.requireNonNull(contentDigest, "the content digest is missing");
        Objects.requireNonNull(parameters, "the signature parameters are missing");
        requireMethod(method);
        requireTargetUri(targetUri);
        return new SignatureBase("\"@method\": " + method + "\n"
                + "\"@target-uri\": " + targetUri + "\n"
                + "\"content-digest\": " + contentDigest.fieldValue() + "\n"
                + "\"@signature-params\": " + parameters.serialized());
    }

    /** The base as text. */
    public String text() {
        return text;
    }

    /** The base as the bytes that are signed. */
    public byte[] bytes() {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static void requireMethod(String method) {
        if (method == null || !METHOD.matcher(method).matches()) {
            throw new IllegalArgumentException("the request method must be an upper-case token such as GET or POST");
        }
    }

    private static void requireTargetUri(String targetUri) {
        if (targetUri == null || targetUri.isEmpty() || targetUri.length() > MAX_TARGET_URI_LENGTH) {
            throw new IllegalArgumentException("the target URI must have 1 to " + MAX_TARGET_URI_LENGTH
                    + " characters");
        }
        for (int i = 0; i < targetUri.length(); i++) {
            char c = targetUri.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("the target URI must consist of visible US-ASCII characters "
                        + "(percent-encode anything else); character " + i + " is not one");
            }
        }
        URI uri;
        try {
            uri = new URI(targetUri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the target URI is not a valid URI: " + e.getReason(), e);
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getRawAuthority() == null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("the target URI must be an absolute https or http URI with a host and "
                    + "no fragment");
        }
    }
}
