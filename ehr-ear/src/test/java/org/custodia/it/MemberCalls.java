package org.custodia.it;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;

import org.custodia.nodeapi.ForwardedCall;
import org.custodia.nodeapi.LedgerSigning;
import org.custodia.nodeapi.NodeApiBase;
import org.custodia.nodeapi.NodeCallHeaders;
import org.custodia.nodeapi.NodeCallSigner;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;

/**
 * Node-API calls as a consortium member makes them: signed with the member's ledger key (RFC 9421 over method,
 * target URI and content digest, DESIGN's node-to-node table), by the same signer the nodes use.
 */
final class MemberCalls {

    private MemberCalls() {
    }

    /** The signature headers {@code account} sends with {@code method url} and {@code body}. */
    static NodeCallHeaders sign(Credentials account, String method, String url, byte[] body) {
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
        return new NodeCallSigner(signing, Clock.systemUTC(), new SecureRandom()).sign(method, url, body);
    }

    /** Sends a call signed by {@code account}; a body goes as {@code application/octet-stream}. */
    static HttpResponse<String> send(Credentials account, String method, String url, byte[] body) {
        return send(sign(account, method, url, body), method, url, body);
    }

    /** Sends a call with the given signature headers (which may be stale, replayed or someone else's). */
    static HttpResponse<String> send(NodeCallHeaders headers, String method, String url, byte[] body) {
        return send(headers, method, url, body, Map.of());
    }

    /**
     * A proxy's {@code GET} signed by {@code proxy} that forwards {@code asked}, a hospital's call to it, as a proxy
     * does when it asks a custodian for an envelope.
     */
    static HttpResponse<String> forwarding(Credentials proxy, String url, ForwardedCall asked) {
        return send(sign(proxy, "GET", url, new byte[0]), "GET", url, new byte[0], asked.asFields());
    }

    /** The call {@code hospital} makes to the proxy at {@code proxyUrl} for the re-encryption of {@code recordId}. */
    static ForwardedCall reEncryptionCall(Credentials hospital, String proxyUrl, String recordId) {
        String target = NodeApiBase.of(proxyUrl).targetUri("/records/" + recordId + "/re-encryption", null);
        return new ForwardedCall(target, sign(hospital, "POST", target, new byte[0]));
    }

    private static HttpResponse<String> send(NodeCallHeaders headers, String method, String url, byte[] body,
            Map<String, String> unsignedFields) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(method,
                body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body.length > 0) {
            request.header("Content-Type", "application/octet-stream");
        }
        unsignedFields.forEach(request::header);
        headers.asMap().forEach(request::header);
        return TestNode.send(request);
    }
}
