package org.custodia.nodeapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.custodia.kernel.NodeRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Signature fields out of the profile's form are refused as unsigned (401) before anything else is looked at, with a
 * short message that does not repeat what was sent.
 */
class MalformedSignatureFieldsTest {

    private static final String ADDRESS = "0x5b38da6a701c568545dcfcb03fcb875f56beddc4";
    private static final Instant NOW = Instant.parse("2026-03-02T09:30:00Z");
    private static final String TARGET_URI = "https://hospital-a.example.org/custodia/node-api/v1/records/0x"
            + "cd".repeat(32) + "/metadata";
    private static final byte[] NO_BODY = new byte[0];
    private static final String HUGE = "a".repeat(100_000);

    private final FakeLedgerKeys keys = new FakeLedgerKeys();
    private final LedgerSigning hospital = keys.account(ADDRESS);
    private final NodeCallVerifier verifier = new NodeCallVerifier(keys, address -> Optional.of(NodeRole.HOSPITAL),
            new InMemoryReplayGuard(), Clock.fixed(NOW, ZoneOffset.UTC), NodeCallVerifier.DEFAULT_WINDOW);

    static Stream<Arguments> malformedFields() {
        String input = NodeCallHeaders.SIGNATURE_INPUT;
        String signature = NodeCallHeaders.SIGNATURE;
        String digest = NodeCallHeaders.CONTENT_DIGEST;
        return Stream.of(
                change("Signature-Input that is no structured field", input, value -> "garbage"),
                change("Signature-Input with another label", input, value -> value.replace("sig1=", "sig2=")),
                change("Signature with another label", signature, value -> value.replace("sig1=", "sig2=")),
                change("a second signature input", input, value -> value + ", sig2=(\"@method\");created=1"),
                change("a second signature", signature, value -> value + ", sig2=:AAAA:"),
                change("a covered component missing", input, value -> value.replace(" \"content-digest\"", "")),
                change("covered components in another order", input,
                        value -> value.replace("\"@method\" \"@target-uri\"", "\"@target-uri\" \"@method\"")),
                change("another covered component", input,
                        value -> value.replace("\"content-digest\")", "\"content-digest\" \"date\")")),
                change("an extra parameter", input, value -> value + ";alg=\"rsa-pss-sha512\""),
                change("parameters in another order", input,
                        value -> value.replaceFirst("created=([0-9]+);(keyid=\"[^\"]*\")", "$2;created=$1")),
                change("created that is no integer", input,
                        value -> value.replaceFirst("created=[0-9]+", "created=\"now\"")),
                change("created negative", input, value -> value.replaceFirst("created=[0-9]+", "created=-1")),
                change("created of 16 digits", input,
                        value -> value.replaceFirst("created=[0-9]+", "created=1000000000000000")),
                change("keyid that is no ledger address", input,
                        value -> value.replaceFirst("keyid=\"[^\"]*\"", "keyid=\"hospital-a\"")),
                change("keyid in upper case", input,
                        value -> value.replace(ADDRESS, "0x" + ADDRESS.substring(2).toUpperCase(Locale.ROOT))),
                change("nonce too short", input, value -> value.replaceFirst("nonce=\"[^\"]*\"", "nonce=\"abc\"")),
                change("nonce too long", input,
                        value -> value.replaceFirst("nonce=\"[^\"]*\"", "nonce=\"" + "n".repeat(65) + "\"")),
                change("a line feed inside Signature-Input", input, value -> value.replace(";keyid", "\n;keyid")),
                change("an oversized Signature-Input", input, value -> value + ";x=\"" + HUGE + "\""),
                change("Signature that is no byte sequence", signature, value -> "sig1=abc"),
                change("Signature that is no base64", signature, value -> "sig1=:!!!!:"),
                change("Signature without base64 padding", signature,
                        value -> value.substring(0, value.length() - 2) + ":"),
                change("Signature of 64 bytes", signature,
                        value -> "sig1=:" + Base64.getEncoder().encodeToString(new byte[64]) + ":"),
                change("an oversized Signature", signature, value -> "sig1=:" + HUGE + ":"),
                change("Content-Digest of another algorithm", digest, value -> value.replace("sha-256", "sha-512")),
                change("Content-Digest in the obsolete Digest form", digest,
                        value -> "SHA-256=" + value.substring("sha-256=:".length(), value.length() - 1)),
                change("Content-Digest with a second digest", digest, value -> value + ", sha-512=:AAAA:"),
                change("an oversized Content-Digest", digest, value -> value + HUGE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFields")
    void isRefusedAsUnsigned(String description, String field, UnaryOperator<String> change) {
        Map<String, List<String>> headers = signedHeaders();
        headers.put(field, List.of(change.apply(headers.get(field).get(0))));

        refusedAsUnsigned(headers);
    }

    @ParameterizedTest
    @ValueSource(strings = {NodeCallHeaders.CONTENT_DIGEST, NodeCallHeaders.SIGNATURE_INPUT,
        NodeCallHeaders.SIGNATURE})
    void aMissingFieldIsRefusedAsUnsigned(String field) {
        Map<String, List<String>> headers = signedHeaders();
        headers.remove(field);

        NodeCallRefusedException refusal = refusedAsUnsigned(headers);

        assertTrue(refusal.getMessage().contains("no " + field + " header"), refusal.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {NodeCallHeaders.CONTENT_DIGEST, NodeCallHeaders.SIGNATURE_INPUT,
        NodeCallHeaders.SIGNATURE})
    void aRepeatedFieldIsRefusedAsUnsigned(String field) {
        Map<String, List<String>> headers = signedHeaders();
        String value = headers.get(field).get(0);
        headers.put(field, List.of(value, value));

        NodeCallRefusedException refusal = refusedAsUnsigned(headers);

        assertTrue(refusal.getMessage().contains("send exactly one"), refusal.getMessage());
    }

    @Test
    void theFieldsAsSignedAreAccepted() throws NodeCallRefusedException {
        SignedRequest request = new SignedRequest("GET", TARGET_URI, signedHeaders(), ContentDigest.of(NO_BODY));

        assertEquals(ADDRESS, verifier.verify(request, NodeRole.HOSPITAL).address());
    }

    private Map<String, List<String>> signedHeaders() {
        NodeCallHeaders signed = new NodeCallSigner(hospital, Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom())
                .sign("GET", TARGET_URI, NO_BODY);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        signed.asMap().forEach((name, value) -> headers.put(name, List.of(value)));
        return headers;
    }

    private NodeCallRefusedException refusedAsUnsigned(Map<String, List<String>> headers) {
        SignedRequest request = new SignedRequest("GET", TARGET_URI, headers, ContentDigest.of(NO_BODY));
        NodeCallRefusedException refusal = assertThrows(NodeCallRefusedException.class,
                () -> verifier.verify(request, NodeRole.HOSPITAL));
        assertEquals(RefusalReason.UNSIGNED, refusal.reason(), refusal.getMessage());
        assertEquals(401, refusal.status());
        assertTrue(refusal.getMessage().length() < 300, refusal.getMessage());
        assertFalse(refusal.getMessage().contains(HUGE.substring(0, 16)), "the message repeats what was sent");
        return refusal;
    }

    private static Arguments change(String description, String field, UnaryOperator<String> change) {
        return Arguments.of(description, field, change);
    }
}
