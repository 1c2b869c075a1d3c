package org.custodia.nodeapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditRecord;
import org.custodia.audit.AuditTrail;
import org.custodia.audit.AuditedAction;
import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.kernel.NodeRole;
import org.custodia.testing.MovableClock;
import org.junit.jupiter.api.Test;

/**
 * Accepted calls pass through; every refused one leaves one audit entry that repeats nothing the caller sent, up to
 * a hundred a minute, and counted beyond.
 */
class NodeCallAuthenticatorTest {

    private static final String HOSPITAL_A = "0x5b38da6a701c568545dcfcb03fcb875f56beddc4";
    private static final String PROXY = "0xab8483f64d9c6d1ecf9b849ae677dd3315835cb2";
    private static final String PUBLIC_URL = "https://hospital-b.example.org/custodia";
    private static final Instant NOW = Instant.parse("2026-03-02T09:30:00Z");
    private static final String PING = NodeApiBase.of(PUBLIC_URL).targetUri("/ping", null);
    private static final byte[] NO_BODY = new byte[0];
    private static final String RE_ENCRYPTION = NodeApiBase.of("https://proxy.example.org/custodia")
            .targetUri("/records/" + "ab".repeat(32) + "/re-encryption", null);

    /** One entry as the trail was asked to record it. */
    private record Entry(String actor, AuditedAction action, String subject, AuditOutcome outcome, String detail) {
    }

    private final FakeLedgerKeys keys = new FakeLedgerKeys();
    private final LedgerSigning hospital = keys.account(HOSPITAL_A);
    private final LedgerSigning proxy = keys.account(PROXY);
    private final Map<String, NodeRole> members = Map.of(HOSPITAL_A, NodeRole.HOSPITAL, PROXY, NodeRole.PROXY);
    private final List<Entry> audited = new ArrayList<>();
    /** Which entries the trail fails to write, as its database down would. */
    private Predicate<String> failingDetails = detail -> false;
    private final AuditTrail trail = new AuditTrail() {
        @Override
        public AuditRecord record(String actor, AuditedAction action, String subject, AuditOutcome outcome,
                String detail) {
            if (failingDetails.test(detail)) {
                throw new IllegalStateException("the audit trail's database is down");
            }
            audited.add(new Entry(actor, action, subject, outcome, detail));
            return null;
        }
    };

    @Test
    void anAcceptedCallIsAnsweredWithItsCallerAndNotAuditedHere() throws NodeCallRefusedException {
        VerifiedCaller caller = authenticator(60).verify(signed(hospital, "GET", PING), NodeRole.HOSPITAL);

        assertEquals(new VerifiedCaller(HOSPITAL_A, NodeRole.HOSPITAL), caller);
        assertTrue(audited.isEmpty(), "the endpoint's own service audits what the call does");
    }

    @Test
    void anEndpointOpenToSeveralRolesAcceptsEachOfThem() throws NodeCallRefusedException {
        NodeCallAuthenticator authenticator = authenticator(60);
        EnumSet<NodeRole> anyMember = EnumSet.allOf(NodeRole.class);

        assertEquals(NodeRole.HOSPITAL, authenticator.verify(signed(hospital, "GET", PING), anyMember).role());
        assertEquals(NodeRole.PROXY, authenticator.verify(signed(proxy, "GET", PING), anyMember).role());
    }

    @Test
    void aRefusedCallIsAuditedUnderTheAddressItClaims() {
        NodeCallRefusedException refusal = assertThrows(NodeCallRefusedException.class,
                () -> authenticator(60).verify(signed(proxy, "GET", PING), NodeRole.HOSPITAL));

        assertEquals(List.of(new Entry(PROXY, AuditedAction.NODE_CALL_REFUSED, "GET /custodia/node-api/v1/ping",
                AuditOutcome.REFUSED, "wrong-role: " + refusal.getMessage())), audited);
    }

    @Test
    void anUnsignedCallIsAuditedAsFromAnUnknownCaller() {
        SignedRequest unsigned = new SignedRequest("POST", PING, Map.of(), ContentDigest.of(NO_BODY));

        assertThrows(NodeCallRefusedException.class, () -> authenticator(60).verify(unsigned, NodeRole.PROXY));

        assertEquals(1, audited.size());
        assertEquals(NodeCallAuthenticator.UNKNOWN_CALLER, audited.get(0).actor());
        assertTrue(audited.get(0).detail().startsWith("unsigned: "), audited.get(0).detail());
    }

    @Test
    void aCallRefusedBeforeItsSignatureIsCheckedIsAuditedAsFromAnUnknownCaller() {
        authenticator(60).refusedUnchecked("PUT", "/custodia/node-api/v1/re-keys/a/b/c", "too-large: more than 65536 "
                + "bytes of content");

        assertEquals(List.of(new Entry(NodeCallAuthenticator.UNKNOWN_CALLER, AuditedAction.NODE_CALL_REFUSED,
                "PUT /custodia/node-api/v1/re-keys/a/b/c", AuditOutcome.REFUSED,
                "too-large: more than 65536 bytes of content")), audited);
    }

    /**
     * Anyone who can reach the node API can send calls to refuse: past a hundred a minute they are counted, not
     * audited one by one, and the count is audited with the first refusal of a later minute.
     */
    @Test
    void refusalsBeyondTheBudgetAreCountedAndTheCountAuditedWithTheNextOne() {
        MovableClock clock = new MovableClock(NOW);
        NodeCallAuthenticator authenticator = authenticator(60, clock);
        refuseUnchecked(authenticator, RefusalAuditBudget.PER_MINUTE + 1);
        clock.advance(Duration.ofSeconds(20));
        refuseUnchecked(authenticator, 148);
        clock.advance(Duration.ofSeconds(20));
        refuseUnchecked(authenticator, 1);

        assertEquals(RefusalAuditBudget.PER_MINUTE + 1, audited.size());
        Entry flood = audited.get(RefusalAuditBudget.PER_MINUTE);
        assertEquals(NodeCallAuthenticator.NOT_ONE_BY_ONE, flood.subject());
        assertTrue(flood.detail().startsWith("more than 100 node calls refused this minute"), flood.detail());

        clock.advance(Duration.ofMinutes(1));
        refuseUnchecked(authenticator, 1);

        assertEquals(RefusalAuditBudget.PER_MINUTE + 3, audited.size());
        Entry count = audited.get(RefusalAuditBudget.PER_MINUTE + 1);
        assertEquals(NodeCallAuthenticator.NOT_ONE_BY_ONE, count.subject());
        assertEquals(NodeCallAuthenticator.UNKNOWN_CALLER, count.actor());
        assertTrue(count.detail().startsWith("150 more node calls refused from " + NOW + " to "
                + NOW.plusSeconds(40) + " "), count.detail());
        assertEquals("GET /custodia/node-api/v1/ping", audited.get(RefusalAuditBudget.PER_MINUTE + 2).subject(),
                "the new minute's refusal is audited one by one again");
    }

    @Test
    void aCountIsAuditedOnceItsMinuteIsOverThoughNoRefusalFollows() {
        MovableClock clock = new MovableClock(NOW);
        NodeCallAuthenticator authenticator = authenticator(60, clock);
        refuseUnchecked(authenticator, RefusalAuditBudget.PER_MINUTE + 7);

        authenticator.auditOverdueCounts();
        assertEquals(RefusalAuditBudget.PER_MINUTE + 1, audited.size(), "the minute is not over");

        clock.advance(Duration.ofMinutes(1));
        authenticator.auditOverdueCounts();
        authenticator.auditOverdueCounts();

        assertEquals(RefusalAuditBudget.PER_MINUTE + 2, audited.size(), "one entry for the count, once");
        assertTrue(audited.get(RefusalAuditBudget.PER_MINUTE + 1).detail().startsWith("7 more node calls refused"),
                audited.get(RefusalAuditBudget.PER_MINUTE + 1).detail());
    }

    @Test
    void aStoppingNodeAuditsThisMinutesCountToo() {
        NodeCallAuthenticator authenticator = authenticator(60, new MovableClock(NOW));
        refuseUnchecked(authenticator, RefusalAuditBudget.PER_MINUTE + 3);

        authenticator.auditAllCounts();

        assertTrue(audited.get(audited.size() - 1).detail().startsWith("3 more node calls refused"),
                audited.get(audited.size() - 1).detail());
        assertEquals(0, authenticator.countedNotAudited());
    }

    @Test
    void aCountWhoseEntryCannotBeWrittenIsKeptForTheNextAttempt() {
        MovableClock clock = new MovableClock(NOW);
        NodeCallAuthenticator authenticator = authenticator(60, clock);
        refuseUnchecked(authenticator, RefusalAuditBudget.PER_MINUTE + 5);
        clock.advance(Duration.ofMinutes(1));

        failingDetails = detail -> true;
        assertThrows(IllegalStateException.class, authenticator::auditOverdueCounts);
        assertEquals(5, authenticator.countedNotAudited());
        failingDetails = detail -> false;
        authenticator.auditOverdueCounts();

        assertTrue(audited.get(audited.size() - 1).detail().startsWith("5 more node calls refused from " + NOW),
                audited.get(audited.size() - 1).detail());
        assertEquals(0, authenticator.countedNotAudited());
    }

    @Test
    void aClockThatGoesBackStartsNoNewBudget() {
        MovableClock clock = new MovableClock(NOW.plusSeconds(61));
        NodeCallAuthenticator authenticator = authenticator(60, clock);
        refuseUnchecked(authenticator, RefusalAuditBudget.PER_MINUTE);
        clock.advance(Duration.ofSeconds(-2));
        refuseUnchecked(authenticator, 10);

        assertEquals(RefusalAuditBudget.PER_MINUTE + 1, audited.size(), "100 one by one and the flood's entry");
        assertEquals(10, authenticator.countedNotAudited());
    }

    /** A clock set right after running ahead: the budget spent in the future does not hold until it catches up. */
    @Test
    void aClockSetBackByMoreThanAMinuteStartsANewBudget() {
        MovableClock clock = new MovableClock(NOW.plus(Duration.ofHours(6)));
        NodeCallAuthenticator authenticator = authenticator(60, clock);
        refuseUnchecked(authenticator, RefusalAuditBudget.PER_MINUTE + 1);
        clock.advance(Duration.ofHours(-6));
        int before = audited.size();

        refuseUnchecked(authenticator, 1);

        assertEquals(before + 2, audited.size());
        assertTrue(audited.get(before).detail().startsWith("1 more node calls refused from "
                + NOW.plus(Duration.ofHours(6))), "the count made while the clock ran ahead, at once: "
                + audited.get(before).detail());
        assertEquals("GET /custodia/node-api/v1/ping", audited.get(before + 1).subject(), "audited one by one again");
    }

    /** The trail failing as a due count is written: the count is kept, and this refusal still gets its entry. */
    @Test
    void aRefusalIsAuditedThoughTheCountBeforeItCannotBeWritten() {
        MovableClock clock = new MovableClock(NOW);
        NodeCallAuthenticator authenticator = authenticator(60, clock);
        failingDetails = detail -> detail.contains("were counted");
        refuseUnchecked(authenticator, RefusalAuditBudget.PER_MINUTE + 4);
        clock.advance(Duration.ofMinutes(1));
        audited.clear();

        refuseUnchecked(authenticator, 1);

        assertEquals(List.of("GET /custodia/node-api/v1/ping"), audited.stream().map(Entry::subject).toList());
        assertEquals(4, authenticator.countedNotAudited(), "the count is kept for the next attempt");
    }

    /** Only a member can be refused for its role: a stranger's flood does not hide those refusals. */
    @Test
    void aMembersWrongRoleRefusalsHaveABudgetOfTheirOwn() {
        NodeCallAuthenticator authenticator = authenticator(60, new MovableClock(NOW));
        refuseUnchecked(authenticator, RefusalAuditBudget.PER_MINUTE + 1);
        int before = audited.size();

        assertThrows(NodeCallRefusedException.class,
                () -> authenticator.verify(signed(proxy, "GET", PING), NodeRole.HOSPITAL));

        assertEquals(before + 1, audited.size());
        Entry entry = audited.get(before);
        assertEquals(PROXY, entry.actor());
        assertTrue(entry.detail().startsWith("wrong-role: "), entry.detail());
    }

    private static void refuseUnchecked(NodeCallAuthenticator authenticator, int calls) {
        for (int i = 0; i < calls; i++) {
            authenticator.refusedUnchecked("GET", "/custodia/node-api/v1/ping", "invalid-target: a fragment");
        }
    }

    @Test
    void theAuditEntryRepeatsNoHeaderField() {
        NodeCallHeaders headers = new NodeCallSigner(hospital, Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom())
                .sign("GET", PING, NO_BODY);
        NodeCallHeaders forged = new NodeCallHeaders(headers.contentDigest(), headers.signatureInput(),
                new NodeCallSigner(proxy, Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom())
                        .sign("GET", PING, NO_BODY).signature());

        assertThrows(NodeCallRefusedException.class,
                () -> authenticator(60).verify(received("GET", PING, forged), NodeRole.HOSPITAL));

        Entry entry = audited.get(0);
        assertEquals(NodeCallAuthenticator.UNKNOWN_CALLER, entry.actor(),
                "a forged call names no actor: anyone can claim any address");
        assertTrue(entry.detail().startsWith("bad-signature: "), entry.detail());
        assertTrue(entry.detail().contains("claimed keyid " + HOSPITAL_A), entry.detail());
        for (String field : forged.asMap().values()) {
            assertFalse(entry.detail().contains(field), entry.detail());
        }
    }

    /** A hospital's call to a proxy, forwarded to a custodian: checked as any call, its nonce left to the proxy. */
    @Test
    void aForwardedCallVerifiesToTheHospitalThatMadeItAsOftenAsItIsShown() throws NodeCallRefusedException {
        NodeCallAuthenticator authenticator = authenticator(60);
        ForwardedCall call = ForwardedCall.of(signed(hospital, "POST", RE_ENCRYPTION));

        assertEquals(new VerifiedCaller(HOSPITAL_A, NodeRole.HOSPITAL), authenticator.verifyForwarded(call));
        assertEquals(new VerifiedCaller(HOSPITAL_A, NodeRole.HOSPITAL), authenticator.verifyForwarded(call),
                "the proxy may fetch again for the same call");
        assertTrue(audited.isEmpty(), "the release that depends on it is audited");
    }

    @Test
    void aForwardedCallIsRefusedWhenStaleTamperedOrNotAHospitals() {
        NodeCallAuthenticator authenticator = authenticator(60);
        ForwardedCall proxysOwn = ForwardedCall.of(signed(proxy, "POST", RE_ENCRYPTION));
        ForwardedCall stale = ForwardedCall.of(received("POST", RE_ENCRYPTION, new NodeCallSigner(hospital,
                Clock.fixed(NOW.minusSeconds(61), ZoneOffset.UTC), new SecureRandom())
                .sign("POST", RE_ENCRYPTION, NO_BODY)));
        ForwardedCall signed = ForwardedCall.of(signed(hospital, "POST", RE_ENCRYPTION));
        ForwardedCall otherRecord = new ForwardedCall(RE_ENCRYPTION.replace("/records/ab", "/records/cd"),
                signed.headers());
        ForwardedCall withContent = ForwardedCall.of(received("POST", RE_ENCRYPTION, new NodeCallSigner(hospital,
                Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom()).sign("POST", RE_ENCRYPTION, new byte[] {1})));
        ForwardedCall aGet = ForwardedCall.of(signed(hospital, "GET", RE_ENCRYPTION));

        assertEquals(RefusalReason.WRONG_ROLE, refusal(authenticator, proxysOwn));
        assertEquals(RefusalReason.STALE, refusal(authenticator, stale));
        assertEquals(RefusalReason.BAD_SIGNATURE, refusal(authenticator, otherRecord));
        assertEquals(RefusalReason.DIGEST_MISMATCH, refusal(authenticator, withContent));
        assertEquals(RefusalReason.BAD_SIGNATURE, refusal(authenticator, aGet));
        assertTrue(audited.isEmpty());
    }

    private static RefusalReason refusal(NodeCallAuthenticator authenticator, ForwardedCall call) {
        return assertThrows(NodeCallRefusedException.class, () -> authenticator.verifyForwarded(call)).reason();
    }

    @Test
    void aWindowThatIsNotPositiveFailsTheCallNamingTheSetting() {
        DependencyUnavailableException failure = assertThrows(DependencyUnavailableException.class,
                () -> authenticator(0).verify(signed(hospital, "GET", PING), NodeRole.HOSPITAL));

        assertTrue(failure.getMessage().startsWith("custodia.node-api.signature-window-seconds"),
                failure.getMessage());
        assertTrue(audited.isEmpty());
    }

    private NodeCallAuthenticator authenticator(long windowSeconds) {
        return authenticator(windowSeconds, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private NodeCallAuthenticator authenticator(long windowSeconds, Clock clock) {
        return new NodeCallAuthenticator(keys, address -> Optional.ofNullable(members.get(address)),
                new InMemoryReplayGuard(), clock, new NodeApiSettings(PUBLIC_URL, windowSeconds, 65_536), trail);
    }

    private static SignedRequest signed(LedgerSigning account, String method, String targetUri) {
        return received(method, targetUri, new NodeCallSigner(account, Clock.fixed(NOW, ZoneOffset.UTC),
                new SecureRandom()).sign(method, targetUri, NO_BODY));
    }

    private static SignedRequest received(String method, String targetUri, NodeCallHeaders fields) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        fields.asMap().forEach((name, value) -> headers.put(name, List.of(value)));
        return new SignedRequest(method, targetUri, headers, ContentDigest.of(NO_BODY));
    }
}
