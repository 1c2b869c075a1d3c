package org.custodia.nodeapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Known answers for a fixed request: the signature base and the header fields the signer sends. */
class SignatureBaseTest {

    private static final long CREATED = 1_618_884_473L;
    private static final String KEYID = "0x00112233445566778899aabbccddeeff00112233";
    /** The bytes 0 to 15 in base64url without padding: what {@link #countingRandom()} yields as a nonce. */
    private static final String NONCE = "AAECAwQFBgcICQoLDA0ODw";
    private static final String TARGET_URI = "https://proxy.example.org/custodia/node-api/v1/records/r-1/re-encryption";
    private static final byte[] BODY = "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8);

    private static final String PARAMETERS = "(\"@method\" \"@target-uri\" \"content-digest\");created=1618884473"
            + ";keyid=\"0x00112233445566778899aabbccddeeff00112233\";nonce=\"AAECAwQFBgcICQoLDA0ODw\"";
    private static final String BASE = "\"@method\": POST\n"
            + "\"@target-uri\": https://proxy.example.org/custodia/node-api/v1/records/r-1/re-encryption\n"
            + "\"content-digest\": sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:\n"
            + "\"@signature-params\": " + PARAMETERS;

    @Test
    void theBaseOfAFixedRequest() {
        SignatureBase base = SignatureBase.of("POST", TARGET_URI, ContentDigest.of(BODY),
                new SignatureParameters(CREATED, KEYID, NONCE));
        assertEquals(BASE, base.text());
        assertArrayEquals(BASE.getBytes(StandardCharsets.US_ASCII), base.bytes());
        assertFalse(base.text().endsWith("\n"), "no line feed after the parameters line");
        assertEquals(3L, base.text().chars().filter(c -> c == '\n').count());
    }

    @Test
    void theSignerSendsTheFieldsAndSignsExactlyTheBase() {
        List<byte[]> signed = new ArrayList<>();
        LedgerSigning account = new LedgerSigning() {
            @Override
            public String address() {
                return KEYID;
            }

            @Override
            public byte[] sign(byte[] message) {
                signed.add(message.clone());
                byte[] signature = new byte[LedgerSigning.SIGNATURE_LENGTH];
                signature[64] = 27;
                return signature;
            }
        };
        Clock clock = Clock.fixed(Instant.ofEpochSecond(CREATED, 900_000_000L), ZoneOffset.UTC);

        NodeCallHeaders headers = new NodeCallSigner(account, clock, countingRandom()).sign("POST", TARGET_URI, BODY);

        assertEquals(1, signed.size());
        assertEquals(BASE, new String(signed.get(0), StandardCharsets.US_ASCII));
        assertEquals("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:", headers.contentDigest());
        assertEquals("sig1=" + PARAMETERS, headers.signatureInput());
        assertEquals("sig1=:" + "A".repeat(84) + "ABs=:", headers.signature());
        assertEquals(List.of("Content-Digest", "Signature-Input", "Signature"), List.copyOf(headers.asMap().keySet()));
    }

    @Test
    void everyCallHasAFreshNonce() {
        NodeCallSigner signer = new NodeCallSigner(new FakeLedgerKeys().account(KEYID),
                Clock.fixed(Instant.ofEpochSecond(CREATED), ZoneOffset.UTC), new SecureRandom());
        assertNotEquals(signer.sign("GET", TARGET_URI, new byte[0]).signatureInput(),
                signer.sign("GET", TARGET_URI, new byte[0]).signatureInput());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "post", "Get", "GET /", "GET\n"})
    void methodsThatCannotBeSignedAreRefused(String method) {
        assertThrows(IllegalArgumentException.class, () -> SignatureBase.of(method, TARGET_URI,
                ContentDigest.of(BODY), new SignatureParameters(CREATED, KEYID, NONCE)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "/custodia/node-api/v1/records/r-1/metadata",
        "proxy.example.org/custodia/node-api/v1/records/r-1/metadata",
        "ftp://proxy.example.org/custodia/node-api/v1/records/r-1/metadata",
        "https:///custodia/node-api/v1/records/r-1/metadata",
        "https://proxy.example.org/custodia/node-api/v1/records/r-1/metadata#title",
        "https://proxy.example.org/custodia/node-api/v1/records/r 1/metadata",
        "https://proxy.example.org/custodia/node-api/v1/records/r-1/metadata\n\"@method\": GET",
        "https://proxy.example.org/custodia/node-api/v1/records/caf\u00e9/metadata",
        "https://proxy.example.org/custodia/node-api/v1/records/%zz/metadata"
    })
    void targetUrisThatCannotBeSignedAreRefused(String targetUri) {
        assertThrows(IllegalArgumentException.class, () -> SignatureBase.of("GET", targetUri,
                ContentDigest.of(new byte[0]), new SignatureParameters(CREATED, KEYID, NONCE)));
    }

    @Test
    void anOversizedTargetUriIsRefused() {
        String targetUri = "https://proxy.example.org/" + "a".repeat(SignatureBase.MAX_TARGET_URI_LENGTH);
        assertThrows(IllegalArgumentException.class, () -> SignatureBase.of("GET", targetUri,
                ContentDigest.of(new byte[0]), new SignatureParameters(CREATED, KEYID, NONCE)));
    }

    @Test
    void parametersOutsideTheProfileAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SignatureParameters(-1, KEYID, NONCE));
        assertThrows(IllegalArgumentException.class, () -> new SignatureParameters(CREATED,
                "0x" + KEYID.substring(2).toUpperCase(Locale.ROOT), NONCE));
        assertThrows(IllegalArgumentException.class, () -> new SignatureParameters(CREATED, "0x0011", NONCE));
        assertThrows(IllegalArgumentException.class, () -> new SignatureParameters(CREATED, KEYID, "short"));
        assertThrows(IllegalArgumentException.class, () -> new SignatureParameters(CREATED, KEYID, NONCE + "\"x"));
    }

    /** A random source that yields 0, 1, 2, ... in every array it fills. */
    private static SecureRandom countingRandom() {
        return new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) i;
                }
            }
        };
    }
}
