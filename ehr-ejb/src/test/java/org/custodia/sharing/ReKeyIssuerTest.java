package org.custodia.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditRecord;
import org.custodia.keys.WrappedKeyPair;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.Member;
import org.custodia.ledger.api.MemberRole;
import org.custodia.outbox.CommandOutcome;
import org.custodia.patients.PatientCustody;
import org.custodia.patients.Pseudonym;
import org.custodia.testing.Beans;
import org.custodia.testing.FakeChain;
import org.custodia.testing.FakeNodeApiClient;
import org.custodia.testing.RecordingAuditTrail;
import org.junit.jupiter.api.Test;

/**
 * How the re-key reconciliation reads a proxy's answer to a withdrawal. The proxy is played by a node-API client
 * that answers without a network ({@link FakeNodeApiClient}: no proxy runs here), the chain by a fake connection in
 * which the hospital is no member any more, so nothing covers the pair and the re-key is withdrawn.
 */
class ReKeyIssuerTest {

    private static final LedgerAddress CUSTODIAN = LedgerAddress.fromHex("0x" + "a1".repeat(20));
    private static final LedgerAddress HOSPITAL = LedgerAddress.fromHex("0x" + "b2".repeat(20));
    private static final LedgerAddress PROXY = LedgerAddress.fromHex("0x" + "c3".repeat(20));
    private static final LedgerAddress OTHER_PROXY = LedgerAddress.fromHex("0x" + "d4".repeat(20));

    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private final List<String> calls = new ArrayList<>();

    @Test
    void aWithdrawalTheProxyAcceptsIsDone() throws Exception {
        CommandOutcome outcome = withdrawWhenTheProxyAnswers(204, "");
        assertInstanceOf(CommandOutcome.Done.class, outcome);
        assertEquals(1, calls.size());
        assertTrue(calls.get(0).startsWith("DELETE https://proxy.example/custodia/node-api/v1/re-keys/" + CUSTODIAN
                + "/"), calls.toString());
        assertEquals(AuditOutcome.SUCCEEDED, audit.only().outcome());
    }

    /** Each reconciliation numbers its calls higher than the last, so that a proxy applies them in their order. */
    @Test
    void eachReconciliationNumbersItsCallsHigher() throws Exception {
        LedgerConnection chain = chainWith(proxyAt(PROXY, "proxy.example"));
        ReKeyIssuer issuer = issuer(new FakeNodeApiClient(calls).answering(204, ""));
        issuer.reconcile(chain, patient(), HOSPITAL, Instant.now());
        issuer.reconcile(chain, patient(), HOSPITAL, Instant.now());
        assertEquals(2, calls.size(), "a completed reconciliation leaves nothing skipped: " + calls);
        long first = generationOf(calls.get(0));
        long second = generationOf(calls.get(1));
        assertTrue(second > first, calls.toString());
    }

    @Test
    void aBare404IsAServerWithoutTheApplicationAndIsTriedAgain() throws Exception {
        CommandOutcome outcome = withdrawWhenTheProxyAnswers(404, "<html>Not Found</html>");
        CommandOutcome.Retry retry = assertInstanceOf(CommandOutcome.Retry.class, outcome,
                "the proxy may still hold the re-key: the withdrawal must stay in the outbox");
        assertTrue(retry.reason().contains("HTTP 404"), retry.reason());
        AuditRecord entry = audit.only();
        assertEquals(AuditOutcome.FAILED, entry.outcome());
    }

    @Test
    void aNodeWhoseApplicationKeepsNoReKeysHasNoneToWithdraw() throws Exception {
        CommandOutcome outcome = withdrawWhenTheProxyAnswers(404, "{\"type\":\"urn:custodia:problem:not-found\","
                + "\"detail\":\"withdrawing re-keys is served by proxy nodes only\"}");
        assertInstanceOf(CommandOutcome.Done.class, outcome);
        AuditRecord entry = audit.only();
        assertEquals(AuditOutcome.SUCCEEDED, entry.outcome());
        assertTrue(entry.detail().contains("keeps no re-keys"), entry.detail());
    }

    /**
     * A proxy whose endpoint accepts calls and stays silent: after one call ran out of time it is left alone for a
     * while, so that each reconciliation no longer holds an outbox thread for the whole wait, and the proxy that
     * answers still gets its call. The retry calls neither: the silent one rests, and the other applied the same
     * decision already (before, every retry of every pair delivered to every proxy again, and audited each call).
     */
    @Test
    void aProxyThatLetACallTimeOutIsLeftAloneWhileTheOtherGetsItsCall() throws Exception {
        LedgerConnection chain = chainWith(proxyAt(PROXY, "silent.example"), proxyAt(OTHER_PROXY, "proxy.example"));
        ReKeyIssuer issuer = issuer(new FakeNodeApiClient(calls).answering(204, "").silentAt("silent.example"));

        assertInstanceOf(CommandOutcome.Retry.class, issuer.reconcile(chain, patient(), HOSPITAL, Instant.now()));
        assertEquals(2, calls.size(), calls.toString());
        calls.clear();

        assertEquals(2, audit.entries().size());
        CommandOutcome.Retry again = assertInstanceOf(CommandOutcome.Retry.class,
                issuer.reconcile(chain, patient(), HOSPITAL, Instant.now()));
        assertEquals(List.of(), calls, "neither proxy is called");
        assertTrue(again.reason().contains("not called again before"), again.reason());
        assertEquals(2, audit.entries().size(), "no call, no entry");
    }

    /**
     * An attempt broken off midway (the audit trail refusing the entry of a call the proxy applied) leaves no note
     * that the proxy holds what it was sent: the next attempt calls it again; the one after skips it.
     */
    @Test
    void anAttemptBrokenOffMidwayNotesOnlyWhatItSaw() throws Exception {
        LedgerConnection chain = chainWith(proxyAt(PROXY, "proxy.example"), proxyAt(OTHER_PROXY, "silent.example"));
        ReKeyIssuer issuer = issuer(new FakeNodeApiClient(calls).answering(204, "").silentAt("silent.example"));
        RecordingAuditTrail refusing = new RecordingAuditTrail();
        refusing.refuseEntriesOfTheirOwn();
        Beans.inject(issuer, ReKeyIssuer.class, "audit", refusing);
        assertThrows(IllegalStateException.class, () -> issuer.reconcile(chain, patient(), HOSPITAL, Instant.now()));
        assertEquals(1, calls.size(), calls.toString());

        calls.clear();
        Beans.inject(issuer, ReKeyIssuer.class, "audit", audit);
        assertInstanceOf(CommandOutcome.Retry.class, issuer.reconcile(chain, patient(), HOSPITAL, Instant.now()));
        assertEquals(2, calls.size(), "the proxy whose call was not audited is called again: " + calls);

        calls.clear();
        assertInstanceOf(CommandOutcome.Retry.class, issuer.reconcile(chain, patient(), HOSPITAL, Instant.now()));
        assertEquals(List.of(), calls, "then neither: one applied the withdrawal, the other rests");
    }

    private CommandOutcome withdrawWhenTheProxyAnswers(int status, String body) throws Exception {
        return issuer(new FakeNodeApiClient(calls).answering(status, body))
                .reconcile(chainWith(proxyAt(PROXY, "proxy.example")), patient(), HOSPITAL, Instant.now());
    }

    private static long generationOf(String call) {
        Matcher number = Pattern.compile("[?&]generation=([0-9]+)").matcher(call);
        assertTrue(number.find(), "no generation in " + call);
        return Long.parseLong(number.group(1));
    }

    /** A proxy of the consortium at {@code host}. */
    private static Member proxyAt(LedgerAddress account, String host) {
        return new Member(account, MemberRole.PROXY, host, URI.create("https://" + host + "/custodia"), new byte[0],
                Instant.EPOCH);
    }

    /** A chain on which the hospital is no member (nothing covers the pair) and these are the proxies. */
    private static LedgerConnection chainWith(Member... proxies) throws Exception {
        return new FakeChain()
                .answering("findMember", arguments -> Optional.empty())
                .answering("members", arguments -> List.of(proxies))
                .answering("account", arguments -> CUSTODIAN)
                .getConnection();
    }

    private ReKeyIssuer issuer(FakeNodeApiClient nodes) {
        ReKeyIssuer issuer = new ReKeyIssuer();
        Beans.inject(issuer, ReKeyIssuer.class, "nodes", nodes);
        Beans.inject(issuer, ReKeyIssuer.class, "audit", audit);
        return issuer;
    }

    private static PatientCustody patient() {
        WrappedKeyPair keyPair = new WrappedKeyPair() {
            @Override
            public byte[] publicKey() {
                return new byte[] {1, 2, 3};
            }
        };
        return new PatientCustody(UUID.randomUUID(), new Pseudonym("d4".repeat(32)), keyPair);
    }
}
