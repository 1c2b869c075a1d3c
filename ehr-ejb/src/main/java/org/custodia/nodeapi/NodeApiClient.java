package org.custodia.nodeapi;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Sends this node's calls to other nodes' APIs over HTTP/1.1, each signed with the node's ledger account
 * ({@link NodeCallSigner}) over exactly the method, target URI and body sent. Build target URIs with
 * {@link NodeApiBase#targetUri} from the callee's member endpoint on chain. Redirects are not followed: a
 * redirected call would not verify at its new target. Call it outside a transaction, as signing asks the ledger
 * connector.
 */
@ApplicationScoped
public class NodeApiClient {

    /** How long establishing a connection to another node may take. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long a call may wait for its response headers, and then for each next part of the body. */
    public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

    private HttpClient http;
    private NodeCallSigner signer;

    protected NodeApiClient() {
        // for CDI proxies
    }

    @Inject
    NodeApiClient(ConnectorSignatures signing) {
        this(HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(CONNECT_TIMEOUT)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build(),
                new NodeCallSigner(signing, Clock.systemUTC(), new SecureRandom()));
    }

    NodeApiClient(HttpClient http, NodeCallSigner signer) {
        this.http = Objects.requireNonNull(http, "the HTTP client is missing");
        this.signer = Objects.requireNonNull(signer, "the signer is missing");
    }

    /**
     * Sends a signed call; its answer's body is read as a stream in which each read waits at most
     * {@link #RESPONSE_TIMEOUT} for the callee's next bytes. Close the body when done with it.
     *
     * @param method      the method in upper case
     * @param targetUri   the full target URI (see {@link NodeApiBase#targetUri})
     * @param body        the content; an empty array for none
     * @param contentType the content's media type; ignored without content
     * @throws IOException          when the callee cannot be reached or the exchange breaks off
     * @throws InterruptedException when the calling thread is interrupted while waiting
     * @throws org.custodia.kernel.DependencyUnavailableException when the ledger connector cannot sign
     */
    public HttpResponse<InputStream> send(String method, String targetUri, byte[] body, String contentType)
            throws IOException, InterruptedException {
        return send(method, targetUri, body, contentType, RESPONSE_TIMEOUT);
    }

    /**
     * {@link #send} waiting at most {@code timeout} for the answer to begin, and then for each next part of its body
     * (e.g. a short ping).
     */
    public HttpResponse<InputStream> send(String method, String targetUri, byte[] body, String contentType,
            Duration timeout) throws IOException, InterruptedException {
        return send(method, targetUri, body, contentType, timeout, Map.of());
    }

    /**
     * A {@code GET} that carries a hospital's call this proxy forwards ({@link ForwardedCall}), in fields its own
     * signature does not cover: the hospital's signature covers them.
     */
    public HttpResponse<InputStream> forwarding(ForwardedCall call, String targetUri)
            throws IOException, InterruptedException {
        return send("GET", targetUri, new byte[0], null, RESPONSE_TIMEOUT, call.asFields());
    }

    /** {@link #send}, with {@code unsignedFields} set as they are. */
    protected HttpResponse<InputStream> send(String method, String targetUri, byte[] body, String contentType,
            Duration timeout, Map<String, String> unsignedFields) throws IOException, InterruptedException {
        return http.send(signed(method, targetUri, body, contentType, timeout, unsignedFields),
                info -> new IdleLimitedBody(timeout));
    }

    /** The request {@link #send} sends: the three signature fields set, signed just now with a fresh nonce. */
    private HttpRequest signed(String method, String targetUri, byte[] body, String contentType, Duration timeout,
            Map<String, String> unsignedFields) {
        NodeCallHeaders signature = signer.sign(method, targetUri, body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(targetUri))
                .timeout(timeout)
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        unsignedFields.forEach(request::header);
        signature.asMap().forEach(request::header);
        if (body.length > 0) {
            request.header("Content-Type", Objects.requireNonNull(contentType, "the content's media type is missing"));
        }
        return request.build();
    }
}
