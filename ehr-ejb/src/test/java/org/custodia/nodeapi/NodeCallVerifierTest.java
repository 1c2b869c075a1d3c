package org.custodia.nodeapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.custodia.kernel.NodeRole;
import org.custodia.testing.MovableClock;
import org.junit.jupiter.api.Test;

/** Signed calls round trip between a signer and a verifier, and every kind of refusal. */
class NodeCallVerifierTest {

    private static final String HOSPITAL_A = "0x5b38da6a701c568545dcfcb03fcb875f56beddc4";
    private static final String PROXY = "0xab8483f64d9c6d1ecf9b849ae677dd3315835cb2";
    private static final String OUTSIDER = "0x4b20993bc481177ec7e8f571cecae8a9e22c02db";

    private static final Instant SIGNED_AT = Instant.parse("2026-03-02T09:30:00Z");
    private static final String RECORD_A = "0x" + "ab".repeat(32);
    private static final String RECORD_B = "0x" + "cd".repeat(32);
    private static final String RE_ENCRYPTION = "https://proxy.example.org/custodia/node-api/v1/records/" + RECORD_A
            + "/re-encryption";
    private static final String RE_KEY = "https://proxy.example.org/custodia/node-api/v1/re-keys/" + HOSPITAL_A + "/"
            + "ef".repeat(32) + "/" + OUTSIDER;
    private static final String ENVELOPE = "https://hospital-a.example.org/custodia/node-api/v1/records/" + RECORD_A
            + "/envelope?accessor=" + OUTSIDER;
    private static final byte[] BODY = ("{\"accessor\":\"" + OUTSIDER + "\"}").getBytes(StandardCharsets.UTF_8);
    private static final byte[] NO_BODY = new byte[0];

    private final FakeLedgerKeys keys = new FakeLedgerKeys();
    private final LedgerSigning hospital = keys.account(HOSPITAL_A);
    private final LedgerSigning proxy = keys.account(PROXY);
    private final LedgerSigning outsider = keys.account(OUTSIDER);
    private final Map<String, NodeRole> members = Map.of(HOSPITAL_A, NodeRole.HOSPITAL, PROXY, NodeRole.PROXY);
    private final ReplayGuard replayGuard = new InMemoryReplayGuard();

    @Test
    void aSignedCallVerifiesAsItsCaller() throws NodeCallRefusedException {
        NodeCallHeaders headers = sign(hospital, SIGNED_AT, "POST", RE_ENCRYPTION, BODY);

        VerifiedCaller caller = verifierAt(SIGNED_AT.plusSeconds(2))
                .verify(received("POST", RE_ENCRYPTION, headers.asMap(), BODY), NodeRole.HOSPITAL);

        assertEquals(new VerifiedCaller(HOSPITAL_A, NodeRole.HOSPITAL), caller);
    }

    @Test
    void aCallWithoutContentAndHeaderNamesInAnyCaseVerify() throws NodeCallRefusedException {
        NodeCallHeaders headers = sign(proxy, SIGNED_AT, "GET", ENVELOPE, NO_BODY);
        Map<String, String> renamed = Map.of("content-digest", headers.contentDigest(),
                "SIGNATURE-INPUT", headers.signatureInput(), "signature", headers.signature());

        VerifiedCaller caller = verifierAt(SIGNED_AT).verify(received("GET", ENVELOPE, renamed, NO_BODY),
                NodeRole.PROXY);

        assertEquals(new VerifiedCaller(PROXY, NodeRole.PROXY), caller);
    }

    @Test
    void anUnsignedCallIsRefused() {
        NodeCallRefusedException refusal = refused(RefusalReason.UNSIGNED,
                received("POST", RE_ENCRYPTION, Map.of(), BODY), NodeRole.HOSPITAL, SIGNED_AT);
        assertEquals(401, refusal.status());
        assertTrue(refusal.getMessage().contains("no Signature-Input header"), refusal.getMessage());
    }

    @Test
    void aChangedBodyIsRefused() {
        NodeCallHeaders headers = sign(hospital, SIGNED_AT, "POST", RE_ENCRYPTION, BODY);
        byte[] changed = BODY.clone();
        changed[changed.length - 3] ^= 1;

        refused(RefusalReason.DIGEST_MISMATCH, received("POST", RE_ENCRYPTION, headers.asMap(), changed),
                NodeRole.HOSPITAL, SIGNED_AT);
    }

    @Test
    void aChangedBodySentWithItsOwnDigestIsRefused() {
        NodeCallHeaders headers = sign(hospital, SIGNED_AT, "POST", RE_ENCRYPTION, BODY);
        byte[] changed = ("{\"accessor\":\"" + PROXY + "\"}").getBytes(StandardCharsets.UTF_8);
        NodeCallHeaders redigested = new NodeCallHeaders(ContentDigest.of(changed).fieldValue(),
                headers.signatureInput(), headers.signature());

        refused(RefusalReason.BAD_SIGNATURE, received("POST", RE_ENCRYPTION, redigested.asMap(), changed),
                NodeRole.HOSPITAL, SIGNED_AT);
    }

    @Test
    void aChangedMethodIsRefused() {
        NodeCallHeaders storeReKey = sign(hospital, SIGNED_AT, "PUT", RE_KEY, BODY);

        refused(RefusalReason.BAD_SIGNATURE, received("DELETE", RE_KEY, storeReKey.asMap(), BODY),
                NodeRole.HOSPITAL, SIGNED_AT);
    }

    @Test
    void aChangedTargetUriIsRefused() {
        NodeCallHeaders headers = sign(hospital, SIGNED_AT, "POST", RE_ENCRYPTION, BODY);

        refused(RefusalReason.BAD_SIGNATURE, received("POST", RE_ENCRYPTION.replace(RECORD_A, RECORD_B),
                headers.asMap(), BODY), NodeRole.HOSPITAL, SIGNED_AT);
        refused(RefusalReason.BAD_SIGNATURE, received("POST", RE_ENCRYPTION.replace("proxy.example.org",
                "proxy-2.example.org"), headers.asMap(), BODY), NodeRole.HOSPITAL, SIGNED_AT);
    }

    @Test
    void aRequestLineThatCannotBeSignedIsRefused() {
        NodeCallHeaders headers = sign(proxy, SIGNED_AT, "GET", ENVELOPE, NO_BODY);

        refused(RefusalReason.UNSIGNED, received("get", ENVELOPE, headers.asMap(), NO_BODY), NodeRole.PROXY,
                SIGNED_AT);
        refused(RefusalReason.UNSIGNED, received("GET", ENVELOPE + "\n\"@method\": GET", headers.asMap(), NO_BODY),
                NodeRole.PROXY, SIGNED_AT);
    }

    @Test
    void aSignatureOlderThanTheWindowIsRefused() throws NodeCallRefusedException {
        NodeCallHeaders lastSecond = sign(hospital, SIGNED_AT, "POST", RE_ENCRYPTION, BODY);
        verifierAt(SIGNED_AT.plusSeconds(60)).verify(received("POST", RE_ENCRYPTION, lastSecond.asMap(), BODY),
                NodeRole.HOSPITAL);
        NodeCallHeaders tooOld = sign(hospital, SIGNED_AT, "POST", RE_ENCRYPTION, BODY);

        NodeCallRefusedException refusal = refused(RefusalReason.STALE,
                received("POST", RE_ENCRYPTION, tooOld.asMap(), BODY), NodeRole.HOSPITAL, SIGNED_AT.plusSeconds(61));

        assertTrue(refusal.getMessage().contains("61 s ago"), refusal.getMessage());
    }

    @Test
    void aSignatureFromTheFutureIsRefused() throws NodeCallRefusedException {
        NodeCallHeaders lastSecond = sign(hospital, SIGNED_AT.plusSeconds(60), "POST", RE_ENCRYPTION, BODY);
        verifierAt(SIGNED_AT).verify(received("POST", RE_ENCRYPTION, lastSecond.asMap(), BODY), NodeRole.HOSPITAL);
        NodeCallHeaders tooEarly = sign(hospital, SIGNED_AT.plusSeconds(61), "POST", RE_ENCRYPTION, BODY);

        NodeCallRefusedException refusal = refused(RefusalReason.STALE,
                received("POST", RE_ENCRYPTION, tooEarly.asMap(), BODY), NodeRole.HOSPITAL, SIGNED_AT);

        assertTrue(refusal.getMessage().contains("61 s in the future"), refusal.getMessage());
    }

    @Test
    void aReplayedCallIsRefused() throws NodeCallRefusedException {
        SignedRequest request = received("POST", RE_ENCRYPTION,
                sign(hospital, SIGNED_AT, "POST", RE_ENCRYPTION, BODY).asMap(), BODY);
        verifierAt(SIGNED_AT).verify(request, NodeRole.HOSPITAL);

        refused(RefusalReason.REPLAYED, request, NodeRole.HOSPITAL, SIGNED_AT.plusSeconds(1));
    }

    @Test
    void aRefusedCallDoesNotUseUpItsNonce() throws NodeCallRefusedException {
        SignedRequest request = received("GET", ENVELOPE, sign(proxy, SIGNED_AT, "GET", ENVELOPE, NO_BODY).asMap(),
                NO_BODY);
        refused(RefusalReason.WRONG_ROLE, request, NodeRole.HOSPITAL, SIGNED_AT);

        assertEquals(PROXY, verifierAt(SIGNED_AT).verify(request, NodeRole.PROXY).address());
    }

    @Test
    void aSignatureByAnotherKeyThanKeyidIsRefused() {
        LedgerSigning impostor = new LedgerSigning() {
            @Override
            public String address() {
                return HOSPITAL_A;
            }

            @Override
            public byte[] sign(byte[] message) {
                return outsider.sign(message);
            }
        };
        NodeCallHeaders headers = sign(impostor, SIGNED_AT, "POST", RE_ENCRYPTION, BODY);

        NodeCallRefusedException refusal = refused(RefusalReason.BAD_SIGNATURE,
                received("POST", RE_ENCRYPTION, headers.asMap(), BODY), NodeRole.HOSPITAL, SIGNED_AT);

        assertTrue(refusal.getMessage().contains("not made by the key of " + HOSPITAL_A), refusal.getMessage());
    }

    @Test
    void aSignatureTakenFromAnotherCallIsRefused() {
        NodeCallHeaders first = sign(hospital, SIGNED_AT, "POST", RE_ENCRYPTION, BODY);
        NodeCallHeaders second = sign(hospital, SIGNED_AT, "POST", RE_ENCRYPTION, BODY);
        NodeCallHeaders mixed = new NodeCallHeaders(second.contentDigest(), second.signatureInput(),
                first.signature());

        refused(RefusalReason.BAD_SIGNATURE, received("POST", RE_ENCRYPTION, mixed.asMap(), BODY), NodeRole.HOSPITAL,
                SIGNED_AT);
    }

    @Test
    void bytesThatAreNoSignatureAreRefused() {
        NodeCallHeaders headers = sign(hospital, SIGNED_AT, "POST", RE_ENCRYPTION, BODY);
        String zeros = "sig1=:" + Base64.getEncoder().encodeToString(new byte[LedgerSigning.SIGNATURE_LENGTH]) + ":";
        NodeCallHeaders forged = new NodeCallHeaders(headers.contentDigest(), headers.signatureInput(), zeros);

        NodeCallRefusedException refusal = refused(RefusalReason.BAD_SIGNATURE,
                received("POST", RE_ENCRYPTION, forged.asMap(), BODY), NodeRole.HOSPITAL, SIGNED_AT);

        assertTrue(refusal.getMessage().contains("not a ledger signature"), refusal.getMessage());
    }

    @Test
    void aCallerThatIsNoMemberIsRefused() {
        NodeCallHeaders headers = sign(outsider, SIGNED_AT, "POST", RE_ENCRYPTION, BODY);

        NodeCallRefusedException refusal = refused(RefusalReason.NOT_A_MEMBER,
                received("POST", RE_ENCRYPTION, headers.asMap(), BODY), NodeRole.HOSPITAL, SIGNED_AT);

        assertEquals(403, refusal.status());
        assertTrue(refusal.getMessage().startsWith(OUTSIDER + " is not a current consortium member"),
                refusal.getMessage());
    }

    @Test
    void aMemberInAnotherRoleIsRefused() {
        NodeCallHeaders headers = sign(proxy, SIGNED_AT, "POST", RE_ENCRYPTION, BODY);

        NodeCallRefusedException refusal = refused(RefusalReason.WRONG_ROLE,
                received("POST", RE_ENCRYPTION, headers.asMap(), BODY), NodeRole.HOSPITAL, SIGNED_AT);

        assertEquals(403, refusal.status());
        assertEquals("this endpoint is for hospital members, and " + PROXY + " is registered as a proxy",
                refusal.getMessage());
    }

    @Test
    void anEndpointOpenToSeveralRolesAcceptsAMemberInAnyOfThem() throws NodeCallRefusedException {
        SignedRequest request = received("GET", ENVELOPE, sign(proxy, SIGNED_AT, "GET", ENVELOPE, NO_BODY).asMap(),
                NO_BODY);

        VerifiedCaller caller = verifierAt(SIGNED_AT).verify(request, EnumSet.of(NodeRole.HOSPITAL, NodeRole.PROXY));

        assertEquals(new VerifiedCaller(PROXY, NodeRole.PROXY), caller);
    }

    @Test
    void anEndpointMustBeOpenToSomeRole() {
        SignedRequest request = received("GET", ENVELOPE, sign(proxy, SIGNED_AT, "GET", ENVELOPE, NO_BODY).asMap(),
                NO_BODY);

        assertThrows(IllegalArgumentException.class,
                () -> verifierAt(SIGNED_AT).verify(request, EnumSet.noneOf(NodeRole.class)));
    }

    /**
     * The chain node answers the membership lookup only after the signature's window has passed, and meanwhile the
     * node's nonce purge has forgotten the nonce (it keeps nonces while their signatures are fresh): the call is
     * refused as stale, not taken for a first use of its nonce.
     */
    @Test
    void aCallWhoseChecksOutlastTheWindowIsRefusedAsStale() {
        NodeCallHeaders headers = sign(hospital, SIGNED_AT, "POST", RE_ENCRYPTION, BODY);
        MovableClock moving = new MovableClock(SIGNED_AT.plusSeconds(2));
        Membership slowChainNode = address -> {
            moving.advance(NodeCallVerifier.DEFAULT_WINDOW.multipliedBy(2));
            return Optional.ofNullable(members.get(address));
        };
        ReplayGuard purged = (keyid, nonce, created, window) -> true;
        NodeCallVerifier verifier = new NodeCallVerifier(keys, slowChainNode, purged, moving,
                NodeCallVerifier.DEFAULT_WINDOW);

        NodeCallRefusedException refusal = assertThrows(NodeCallRefusedException.class,
                () -> verifier.verify(received("POST", RE_ENCRYPTION, headers.asMap(), BODY), NodeRole.HOSPITAL));
        assertEquals(RefusalReason.STALE, refusal.reason(), refusal.getMessage());
    }

    @Test
    void theWindowMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new NodeCallVerifier(keys,
                address -> Optional.empty(), replayGuard, Clock.systemUTC(), Duration.ZERO));
    }

    private NodeCallVerifier verifierAt(Instant now) {
        return new NodeCallVerifier(keys, address -> Optional.ofNullable(members.get(address)), replayGuard,
                Clock.fixed(now, ZoneOffset.UTC), NodeCallVerifier.DEFAULT_WINDOW);
    }

    private NodeCallRefusedException refused(RefusalReason reason, SignedRequest request, NodeRole requiredRole,
            Instant now) {
        NodeCallVerifier verifier = verifierAt(now);
        NodeCallRefusedException refusal = assertThrows(NodeCallRefusedException.class,
                () -> verifier.verify(request, requiredRole));
        assertEquals(reason, refusal.reason(), refusal.getMessage());
        assertEquals(reason.status(), refusal.status());
        return refusal;
    }

    private static NodeCallHeaders sign(LedgerSigning account, Instant at, String method, String targetUri,
            byte[] body) {
        return new NodeCallSigner(account, Clock.fixed(at, ZoneOffset.UTC), new SecureRandom())
                .sign(method, targetUri, body);
    }

    private static SignedRequest received(String method, String targetUri, Map<String, String> fields,
            byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        fields.forEach((name, value) -> headers.put(name, List.of(value)));
        return new SignedRequest(method, targetUri, headers, ContentDigest.of(body));
    }
}
