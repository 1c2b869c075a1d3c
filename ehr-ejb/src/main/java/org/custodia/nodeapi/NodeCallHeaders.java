package org.custodia.nodeapi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The three header fields that authenticate a node-to-node request, as {@link NodeCallSigner} made them for one
 * request: {@code Content-Digest}, {@code Signature-Input} and {@code Signature}.
 */
public record NodeCallHeaders(String contentDigest, String signatureInput, String signature) {

    /** Name of the field with the body's digest (RFC 9530). */
    public static final String CONTENT_DIGEST = "Content-Digest";
    /** Name of the field with the covered components and signature parameters (RFC 9421). */
    public static final String SIGNATURE_INPUT = "Signature-Input";
    /** Name of the field with the signature (RFC 9421). */
    public static final String SIGNATURE = "Signature";

    public NodeCallHeaders {
        Objects.requireNonNull(contentDigest, "the Content-Digest value is missing");
        Objects.requireNonNull(signatureInput, "the Signature-Input value is missing");
        Objects.requireNonNull(signature, "the Signature value is missing");
    }

    /** The fields by name, for an HTTP client to set on the request. */
    public Map<String, String> asMap() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(CONTENT_DIGEST, contentDigest);
        fields.put(SIGNATURE_INPUT, signatureInput);
        fields.put(SIGNATURE, signature);
        return Collections.unmodifiableMap(fields);
    }
}
