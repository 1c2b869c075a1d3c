package org.custodia.nodeapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.custodia.ledger.api.Bytes32;

/**
 * A hospital's own signed call to a proxy for a record's re-encryption, as the proxy forwards it to the record's
 * custodian when it asks for the envelope. The custodian releases an envelope only for a hospital shown to have asked
 * this proxy for this record moments ago, not on the proxy's word: a proxy colluding with one hospital cannot fetch
 * records by naming another. The call is a {@code POST} without content, signed as every node call is; it travels
 * in header fields of the proxy's request that the proxy's signature does not cover, and need not: the hospital's
 * signature covers the method, the target and the content's digest.
 *
 * @param targetUri the target URI the hospital signed, as the proxy rebuilt it from its own URL
 * @param headers   the hospital's signature fields
 */
public record ForwardedCall(String targetUri, NodeCallHeaders headers) {

    /** Field with the target URI of the hospital's call. */
    public static final String TARGET_URI = "Custodia-Accessor-Target-URI";
    /** Field with the hospital's {@code Content-Digest}. */
    public static final String CONTENT_DIGEST = "Custodia-Accessor-Content-Digest";
    /** Field with the hospital's {@code Signature-Input}. */
    public static final String SIGNATURE_INPUT = "Custodia-Accessor-Signature-Input";
    /** Field with the hospital's {@code Signature}. */
    public static final String SIGNATURE = "Custodia-Accessor-Signature";

    private static final String METHOD = "POST";
    private static final String ENDPOINT = "/re-encryption";

    public ForwardedCall {
        Objects.requireNonNull(targetUri, "the forwarded call's target URI is missing");
        Objects.requireNonNull(headers, "the forwarded call's signature fields are missing");
    }

    /** The verified call a proxy received from a hospital, to forward. */
    public static ForwardedCall of(SignedRequest received) {
        return new ForwardedCall(received.targetUri(), new NodeCallHeaders(
                only(received, NodeCallHeaders.CONTENT_DIGEST), only(received, NodeCallHeaders.SIGNATURE_INPUT),
                only(received, NodeCallHeaders.SIGNATURE)));
    }

    /**
     * The call forwarded in the header fields of a received request ({@code fields} gives a field's values by
     * name); empty when any of the four is missing or repeated.
     */
    public static Optional<ForwardedCall> from(Function<String, List<String>> fields) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : List.of(TARGET_URI, CONTENT_DIGEST, SIGNATURE_INPUT, SIGNATURE)) {
            List<String> given = fields.apply(name);
            if (given == null || given.size() != 1) {
                return Optional.empty();
            }
            values.put(name, given.get(0));
        }
        return Optional.of(new ForwardedCall(values.get(TARGET_URI), new NodeCallHeaders(values.get(CONTENT_DIGEST),
                values.get(SIGNATURE_INPUT), values.get(SIGNATURE))));
    }

    /** The header fields that carry the call. */
    public Map<String, String> asFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(TARGET_URI, targetUri);
        fields.put(CONTENT_DIGEST, headers.contentDigest());
        fields.put(SIGNATURE_INPUT, headers.signatureInput());
        fields.put(SIGNATURE, headers.signature());
        return fields;
    }

    /**
     * The record whose re-encryption the call asked of the proxy whose API is {@code proxyApi}; empty when it was
     * addressed to another node or another endpoint.
     */
    public Optional<Bytes32> recordAskedOf(NodeApiBase proxyApi) {
        String prefix = proxyApi.targetUri("/records/", null);
        if (!targetUri.startsWith(prefix) || !targetUri.endsWith(ENDPOINT)
                || targetUri.length() <= prefix.length() + ENDPOINT.length()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Bytes32.fromHex(targetUri.substring(prefix.length(),
                    targetUri.length() - ENDPOINT.length()).toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The call as the proxy received it, for a verifier: a {@code POST} without content. */
    SignedRequest asReceived() {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        headers.asMap().forEach((name, value) -> fields.put(name, List.of(value)));
        return new SignedRequest(METHOD, targetUri, fields, ContentDigest.of(new byte[0]));
    }

    private static String only(SignedRequest received, String field) {
        List<String> values = received.header(field);
        if (values.size() != 1) {
            throw new IllegalArgumentException("a verified call has one " + field + " field, not " + values.size());
        }
        return values.get(0);
    }
}
