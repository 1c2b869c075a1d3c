package org.custodia.nodeapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.custodia.ledger.api.Bytes32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A hospital's call, forwarded by a proxy in four header fields, and the record it asked that proxy for. */
class ForwardedCallTest {

    private static final String RECORD = "ab".repeat(32);
    private static final NodeApiBase PROXY = NodeApiBase.of("https://proxy.example.org/custodia");
    private static final NodeCallHeaders SIGNATURE = new NodeCallHeaders("sha-256=:x:", "sig=()", "sig=:y:");

    @Test
    void theCallAProxyVerifiedTravelsInFourFieldsAndArrivesWhole() {
        String target = PROXY.targetUri("/records/" + RECORD + "/re-encryption", null);
        Map<String, List<String>> received = new HashMap<>();
        SIGNATURE.asMap().forEach((name, value) -> received.put(name, List.of(value)));
        ForwardedCall call = ForwardedCall.of(new SignedRequest("POST", target, received,
                ContentDigest.of(new byte[0])));

        Map<String, String> fields = call.asFields();

        assertEquals(List.of(ForwardedCall.TARGET_URI, ForwardedCall.CONTENT_DIGEST, ForwardedCall.SIGNATURE_INPUT,
                ForwardedCall.SIGNATURE), List.copyOf(fields.keySet()));
        assertEquals(Optional.of(call), ForwardedCall.from(name -> List.of(fields.get(name))));
        assertEquals(Optional.of(Bytes32.fromHex(RECORD)), call.recordAskedOf(PROXY));
    }

    @Test
    void aFieldMissingOrRepeatedForwardsNoCall() {
        Map<String, String> fields = new ForwardedCall("t", SIGNATURE).asFields();
        for (String missing : fields.keySet()) {
            assertEquals(Optional.empty(), ForwardedCall.from(name -> name.equals(missing) ? List.of()
                    : List.of(fields.get(name))), missing);
            assertEquals(Optional.empty(), ForwardedCall.from(name -> name.equals(missing)
                    ? List.of(fields.get(name), fields.get(name)) : List.of(fields.get(name))), missing);
        }
        assertEquals(Optional.empty(), ForwardedCall.from(name -> null));
    }

    @Test
    void theRecordMayBeWrittenInAnyCaseWithOrWithout0x() {
        assertEquals(Optional.of(Bytes32.fromHex(RECORD)), askedAt("https://proxy.example.org/custodia/node-api/v1"
                + "/records/0x" + RECORD.toUpperCase(java.util.Locale.ROOT) + "/re-encryption"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://other-proxy.example.org/custodia/node-api/v1/records/" + "ab" + "/re-encryption",
        "https://other-proxy.example.org/custodia/node-api/v1/records/RECORD/re-encryption",
        "https://proxy.example.org/elsewhere/node-api/v1/records/RECORD/re-encryption",
        "https://proxy.example.org/custodia/node-api/v1/records/RECORD/metadata",
        "https://proxy.example.org/custodia/node-api/v1/records/RECORD/re-encryption?again=1",
        "https://proxy.example.org/custodia/node-api/v1/records//re-encryption",
        "https://proxy.example.org/custodia/node-api/v1/records/re-encryption",
        "https://proxy.example.org/custodia/node-api/v1/records/../records/RECORD/re-encryption",
        "https://proxy.example.org/custodia/node-api/v1/records/RECORDab/re-encryption",
        "https://proxy.example.org/custodia/node-api/v1/records/RECORD/x/re-encryption"
    })
    void aCallToAnotherNodeOrEndpointAsksForNoRecordHere(String target) {
        assertTrue(askedAt(target.replace("RECORD", RECORD)).isEmpty(), target);
    }

    private static Optional<Bytes32> askedAt(String target) {
        return new ForwardedCall(target, SIGNATURE).recordAskedOf(PROXY);
    }
}
