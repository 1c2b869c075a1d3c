package org.custodia.nodeapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.custodia.kernel.NodeRole;
import org.custodia.kernel.SenderRate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A signed call over real HTTP/1.1 on the loopback interface: the receiver rebuilds the target URI from its own URL
 * and the raw request line, and the signature verifies; a call signed for another URL than the one the node
 * publishes does not, though it reached the node.
 */
class NodeApiClientTest {

    private static final String HOSPITAL_A = "0x5b38da6a701c568545dcfcb03fcb875f56beddc4";
    private static final String DELEGATEE = "0x4b20993bc481177ec7e8f571cecae8a9e22c02db";
    private static final String RE_KEY_PATH = "/re-keys/" + HOSPITAL_A + "/" + "ef".repeat(32) + "/" + DELEGATEE;
    private static final byte[] RE_KEY = "a 276-byte re-key stands here".getBytes(StandardCharsets.US_ASCII);

    /** A request as the receiving server saw it. */
    private record Received(String method, URI requestTarget, String host, Map<String, List<String>> headers,
                            byte[] body) {
    }

    private final FakeLedgerKeys keys = new FakeLedgerKeys();
    private final AtomicReference<Received> received = new AtomicReference<>();
    private HttpServer proxyNode;
    private NodeApiClient client;

    @BeforeEach
    void startTheReceivingNode() throws IOException {
        proxyNode = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        proxyNode.createContext("/custodia/" + NodeApiBase.PATH + "/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.set(new Received(exchange.getRequestMethod(), exchange.getRequestURI(),
                    exchange.getRequestHeaders().getFirst("Host"), Map.copyOf(exchange.getRequestHeaders()), body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        proxyNode.start();
        client = new NodeApiClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                new NodeCallSigner(keys.account(HOSPITAL_A), Clock.systemUTC(), new SecureRandom()));
    }

    @AfterEach
    void stopTheReceivingNode() {
        proxyNode.stop(0);
    }

    @Test
    void aSignedCallVerifiesAtTheNodeItWasSignedFor() throws Exception {
        NodeApiBase proxy = NodeApiBase.of("http://127.0.0.1:" + port() + "/custodia");

        HttpResponse<InputStream> response = client.send("PUT", proxy.targetUri(RE_KEY_PATH, null), RE_KEY,
                "application/octet-stream");
        response.body().close();

        assertEquals(204, response.statusCode());
        Received call = received.get();
        assertEquals("PUT", call.method());
        assertEquals("/custodia/node-api/v1" + RE_KEY_PATH, call.requestTarget().getRawPath());
        assertArrayEquals(RE_KEY, call.body());
        assertEquals(new VerifiedCaller(HOSPITAL_A, NodeRole.HOSPITAL), verifyAt(proxy, call));
    }

    @Test
    void theQueryIsSignedAsSent() throws Exception {
        NodeApiBase hospital = NodeApiBase.of("http://127.0.0.1:" + port() + "/custodia");
        String target = hospital.targetUri("/records/0x" + "ab".repeat(32) + "/envelope", "accessor=" + DELEGATEE);

        client.send("GET", target, new byte[0], null).body().close();

        assertEquals("accessor=" + DELEGATEE, received.get().requestTarget().getRawQuery());
        assertEquals(HOSPITAL_A, verifyAt(hospital, received.get()).address());
    }

    @Test
    void aCallSignedForAnotherUrlThanTheNodePublishedDoesNotVerify() throws Exception {
        NodeApiBase asCalled = NodeApiBase.of("http://127.0.0.1:" + port() + "/custodia");
        NodeApiBase asPublished = NodeApiBase.of("https://proxy.example.org/custodia");

        client.send("PUT", asCalled.targetUri(RE_KEY_PATH, null), RE_KEY, "application/octet-stream").body().close();

        NodeCallRefusedException refusal = assertThrows(NodeCallRefusedException.class,
                () -> verifyAt(asPublished, received.get()));
        assertEquals(RefusalReason.BAD_SIGNATURE, refusal.reason());
    }

    @Test
    void anAnswerIsReadWholeAsItArrives() throws Exception {
        byte[] envelope = new byte[3 * 1024 * 1024 + 17];
        new SecureRandom().nextBytes(envelope);
        proxyNode.createContext("/custodia/" + NodeApiBase.PATH + "/records/", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int offset = 0; offset < envelope.length; offset += 65_000) {
                    out.write(envelope, offset, Math.min(65_000, envelope.length - offset));
                    out.flush();
                }
            }
        });
        NodeApiBase hospital = NodeApiBase.of("http://127.0.0.1:" + port() + "/custodia");

        HttpResponse<InputStream> response = client.send("GET", hospital.targetUri("/records/ab/envelope", null),
                new byte[0], null, Duration.ofSeconds(5));

        try (InputStream body = response.body()) {
            assertEquals(envelope[0] & 0xff, body.read());
            assertArrayEquals(Arrays.copyOfRange(envelope, 1, envelope.length), body.readAllBytes());
            assertEquals(-1, body.read());
        }
    }

    /**
     * A callee that sends its headers and part of its body, then nothing: the HTTP client's own timeout ended with
     * the headers, so without a limit on each wait the reading thread would be held for as long as it stays silent.
     */
    @Test
    void aCalleeThatFallsSilentAfterItsHeadersEndsTheReadAfterTheTimeout() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        proxyNode.createContext("/custodia/" + NodeApiBase.PATH + "/records/", exchange -> {
            exchange.sendResponseHeaders(200, 1000);
            OutputStream out = exchange.getResponseBody();
            out.write(new byte[10]);
            out.flush();
            try {
                released.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        NodeApiBase hospital = NodeApiBase.of("http://127.0.0.1:" + port() + "/custodia");
        try {
            HttpResponse<InputStream> response = client.send("GET", hospital.targetUri("/records/ab/envelope", null),
                    new byte[0], null, Duration.ofSeconds(3));

            InputStream body = response.body();
            assertEquals(10, body.readNBytes(10).length);
            HttpTimeoutException silent = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> assertThrows(HttpTimeoutException.class, body::read));
            assertTrue(silent.getMessage().contains("sent nothing more"), silent.getMessage());
            assertThrows(IOException.class, body::read, "the exchange is over once the wait ran out");
        } finally {
            released.countDown();
        }
    }

    /** A callee that sends a byte now and then, never waiting as long as the timeout, is cut off all the same. */
    @Test
    void aCalleeThatTricklesItsAnswerIsCutOffAtTheSlowestRate() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        proxyNode.createContext("/custodia/" + NodeApiBase.PATH + "/records/", exchange -> {
            exchange.sendResponseHeaders(200, 10_000);
            OutputStream out = exchange.getResponseBody();
            try {
                for (int i = 0; i < 10_000 && !released.await(200, TimeUnit.MILLISECONDS); i++) {
                    out.write('x');
                    out.flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the client broke the exchange off
            }
            exchange.close();
        });
        NodeApiBase hospital = NodeApiBase.of("http://127.0.0.1:" + port() + "/custodia");
        try {
            HttpResponse<InputStream> response = client.send("GET", hospital.targetUri("/records/ab/envelope", null),
                    new byte[0], null, Duration.ofSeconds(2));

            HttpTimeoutException slow = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> assertThrows(HttpTimeoutException.class, () -> response.body().readAllBytes()));
            assertTrue(slow.getMessage().contains("more slowly than " + SenderRate.MIN_BYTES_PER_SECOND),
                    slow.getMessage());
        } finally {
            released.countDown();
        }
    }

    /** What the receiving node decides: the target rebuilt from its own URL, the server's view of the rest. */
    private VerifiedCaller verifyAt(NodeApiBase own, Received call) throws NodeCallRefusedException {
        URI serverBase = URI.create("http://" + call.host() + "/custodia/" + NodeApiBase.PATH + "/");
        URI serverRequest = URI.create("http://" + call.host() + call.requestTarget().toString());
        SignedRequest request = new SignedRequest(call.method(), own.rebuiltTargetUri(serverBase, serverRequest),
                call.headers(), ContentDigest.of(call.body()));
        NodeCallVerifier verifier = new NodeCallVerifier(keys, address -> Optional.of(NodeRole.HOSPITAL),
                new InMemoryReplayGuard(), Clock.systemUTC(), NodeCallVerifier.DEFAULT_WINDOW);
        return verifier.verify(request, NodeRole.HOSPITAL);
    }

    private int port() {
        return proxyNode.getAddress().getPort();
    }
}
