package org.custodia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;

import jakarta.json.JsonObject;

import org.custodia.nodeapi.LedgerSigning;
import org.custodia.nodeapi.NodeCallHeaders;
import org.custodia.nodeapi.NodeCallSigner;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;

/**
 * The node API as another member calls it: signed with the member's ledger key (RFC 9421 over method, target URI
 * and content digest), refused when unsigned, replayed, or signed by an account that is not a member.
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

    private static Credentials account(int index) {
        return Credentials.create(LocalChain.node().devAccountKey(index));
    }

    private static NodeCallHeaders signed(Credentials account) {
        LedgerSigning signing = new LedgerSigning() {
            @Override
            public String address() {
                return account.getAddress();
            }

            @Override
            public byte[] sign(byte[] message) {
                Sign.SignatureData signature = Sign.signPrefixedMessage(message, account.getEcKeyPair());
                byte[] bytes = new byte[65];
                System.arraycopy(signature.getR(), 0, bytes, 0, 32);
                System.arraycopy(signature.getS(), 0, bytes, 32, 32);
                bytes[64] = signature.getV()[0];
                return bytes;
            }
        };
        return new NodeCallSigner(signing, Clock.systemUTC(), new SecureRandom())
                .sign("GET", TestNode.baseUrl() + PING, new byte[0]);
    }

    private static HttpResponse<String> send(NodeCallHeaders headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TestNode.baseUrl() + PING)).GET();
        headers.asMap().forEach(request::header);
        return TestNode.send(request);
    }
}
