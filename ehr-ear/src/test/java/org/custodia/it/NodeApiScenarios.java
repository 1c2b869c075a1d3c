package org.custodia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.json.JsonObject;

import org.custodia.nodeapi.NodeCallHeaders;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/**
 * The node API as another member calls it: signed with the member's ledger key (RFC 9421 over method, target URI
 * and content digest), refused when unsigned, replayed, or signed by an account that is not a member; a call
 * refused before its signature is checked (its content too large) audited as from an unknown caller.
 */
abstract class NodeApiScenarios {

    /** anvil's development account 2: the development clinic, a registered hospital on the test chain */
    private static final int CLINIC_ACCOUNT = 2;
    /** anvil's development account 9: not registered in the consortium */
    private static final int OUTSIDER_ACCOUNT = 9;

    private static final String PING = "/custodia/node-api/v1/ping";

    @Test
    void aSignedCallFromAMemberIsAnsweredWithItsAddressAndRole() {
        Credentials clinic = account(CLINIC_ACCOUNT);
        HttpResponse<String> answer = send(signed(clinic));
        assertEquals(200, answer.statusCode(), answer.body());
        JsonObject caller = StaffClient.object(answer);
        assertEquals(clinic.getAddress(), caller.getString("address"));
        assertEquals("hospital", caller.getString("role").toLowerCase());
    }

    @Test
    void unsignedReplayedAndOutsiderCallsAreRefused() {
        HttpResponse<String> unsigned = TestNode.get(PING);
        assertEquals(401, unsigned.statusCode(), unsigned.body());

        NodeCallHeaders once = signed(account(CLINIC_ACCOUNT));
        assertEquals(200, send(once).statusCode());
        HttpResponse<String> replayed = send(once);
        assertEquals(401, replayed.statusCode(), replayed.body());
        assertTrue(StaffClient.object(replayed).getString("type").contains("replayed"), replayed.body());

        HttpResponse<String> outsider = send(signed(account(OUTSIDER_ACCOUNT)));
        assertEquals(403, outsider.statusCode(), outsider.body());
    }

    @Test
    void callsRefusedBeforeTheirSignatureIsCheckedAreAuditedToo() {
        Credentials clinic = account(CLINIC_ACCOUNT);
        // a path of the re-key endpoint short enough to be an audit subject whole; its segments are never read
        String reKey = "/custodia/node-api/v1/re-keys/x/" + UUID.randomUUID() + "/y";
        byte[] tooLarge = new byte[70_000];
        HttpResponse<String> large = MemberCalls.send(clinic, "PUT", TestNode.baseUrl() + reKey, tooLarge);
        assertEquals(413, large.statusCode(), large.body());

        StaffClient privacyOfficer = StaffClient.admin().createAccount("privacy-officer");
        HttpResponse<String> audit = privacyOfficer.get("/audit?action=node-call.refused&actor=unknown&subject="
                + URLEncoder.encode("PUT " + reKey, StandardCharsets.UTF_8));
        assertEquals(200, audit.statusCode(), audit.body());
        assertEquals(List.of("refused"), StaffClient.array(audit).stream().map(JsonObject.class::cast)
                .map(entry -> entry.getString("outcome")).toList(), audit.body());
        assertTrue(audit.body().contains("too-large"), audit.body());
    }

    private static Credentials account(int index) {
        return Credentials.create(LocalChain.node().devAccountKey(index));
    }

    private static NodeCallHeaders signed(Credentials account) {
        return MemberCalls.sign(account, "GET", TestNode.baseUrl() + PING, new byte[0]);
    }

    private static HttpResponse<String> send(NodeCallHeaders headers) {
        return MemberCalls.send(headers, "GET", TestNode.baseUrl() + PING, new byte[0]);
    }
}
