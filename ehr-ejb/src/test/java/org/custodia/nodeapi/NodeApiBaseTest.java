package org.custodia.nodeapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Callers build target URIs from a node's endpoint, and the node rebuilds them from its own URL: the received
 * request's raw path and query count, the name it was sent to does not.
 */
class NodeApiBaseTest {

    private static final String RECORD = "0x" + "ab".repeat(32);
    private static final String ACCESSOR = "0x4b20993bc481177ec7e8f571cecae8a9e22c02db";

    @Test
    void aCallersTargetIsTheEndpointThenTheApiPathThenPathAndQuery() {
        NodeApiBase hospital = NodeApiBase.of("https://Hospital-A.example.org/custodia/");

        assertEquals("https://hospital-a.example.org/custodia/node-api/v1", hospital.toString());
        assertEquals("https://hospital-a.example.org/custodia/node-api/v1/records/" + RECORD + "/envelope?accessor="
                + ACCESSOR, hospital.targetUri("/records/" + RECORD + "/envelope", "accessor=" + ACCESSOR));
        assertEquals("https://hospital-a.example.org/custodia/node-api/v1/ping", hospital.targetUri("/ping", ""));
        assertEquals("http://127.0.0.1:8080/node-api/v1/ping", NodeApiBase.of("HTTP://127.0.0.1:8080")
                .targetUri("/ping", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://localhost:8080/custodia",
        "http://LOCALHOST/custodia",
        "http://127.0.0.1:8081/custodia",
        "http://127.10.20.30/custodia",
        "http://[::1]:8080/custodia",
        "http://[0:0:0:0:0:0:0:1]/custodia"
    })
    void plainHttpIsAcceptedForANodeOnThisHost(String url) {
        assertEquals(url.toLowerCase(java.util.Locale.ROOT).replaceAll("/custodia$", "") + "/custodia/node-api/v1",
                NodeApiBase.of(url).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://hospital-a.example.org/custodia",
        "http://10.0.0.5:8080/custodia",
        "http://192.168.1.20/custodia",
        "http://127.example.org/custodia",
        "http://127.0.0.1.example.org/custodia",
        "http://[::2]/custodia",
        "http://[fe80::1]/custodia",
        "http://localhost.example.org/custodia"
    })
    void plainHttpToAnotherHostIsRefusedNamingTheHost(String url) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> NodeApiBase.of(url));

        assertTrue(refused.getMessage().contains("must be https unless the node is on this host"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains(URI.create(url).getHost()), refused.getMessage());
        assertEquals(url.replace("http:", "https:").replaceAll("/custodia$", "") + "/custodia/node-api/v1",
                NodeApiBase.of(url.replace("http:", "https:")).toString(), "the same host over https is taken");
    }

    @Test
    void aPathBelowTheApiStartsWithASlash() {
        NodeApiBase hospital = NodeApiBase.of("https://hospital-a.example.org/custodia");

        assertThrows(IllegalArgumentException.class, () -> hospital.targetUri("ping", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "hospital-a.example.org/custodia",
        "/custodia",
        "ftp://hospital-a.example.org/custodia",
        "https://operator@hospital-a.example.org/custodia",
        "https://hospital-a.example.org/custodia?node=a",
        "https://hospital-a.example.org/custodia#api",
        "https://hospital a.example.org/custodia"
    })
    void urlsThatNameNoNodeAreRefused(String url) {
        assertThrows(IllegalArgumentException.class, () -> NodeApiBase.of(url));
    }

    @Test
    void aReceivedTargetIsRebuiltFromThisNodesUrlWhateverTheHostHeaderSaid() {
        NodeApiBase own = NodeApiBase.of("https://hospital-a.example.org/custodia");
        URI receivedBase = URI.create("http://attacker.example:8080/custodia/node-api/v1/");
        URI received = URI.create("http://attacker.example:8080/custodia/node-api/v1/records/" + RECORD
                + "/envelope?accessor=" + ACCESSOR);

        assertEquals("https://hospital-a.example.org/custodia/node-api/v1/records/" + RECORD + "/envelope?accessor="
                + ACCESSOR, own.rebuiltTargetUri(receivedBase, received));
    }

    @Test
    void behindAProxyThatMapsTheHostsRootTheTargetIsThePublishedOne() {
        NodeApiBase own = NodeApiBase.of("https://hospital-a.example.org");
        URI receivedBase = URI.create("http://10.0.0.5:8080/custodia/node-api/v1/");

        assertEquals("https://hospital-a.example.org/node-api/v1/ping",
                own.rebuiltTargetUri(receivedBase, URI.create("http://10.0.0.5:8080/custodia/node-api/v1/ping")));
    }

    @Test
    void theRawPathAndQueryAreKeptAsReceived() {
        NodeApiBase own = NodeApiBase.of("https://hospital-a.example.org/custodia");
        URI receivedBase = URI.create("http://localhost/custodia/node-api/v1/");

        assertEquals("https://hospital-a.example.org/custodia/node-api/v1/records/r%2F1/metadata?a=%20b&c",
                own.rebuiltTargetUri(receivedBase,
                        URI.create("http://localhost/custodia/node-api/v1/records/r%2F1/metadata?a=%20b&c")));
    }

    @Test
    void aRequestOutsideTheApiIsRefused() {
        NodeApiBase own = NodeApiBase.of("https://hospital-a.example.org/custodia");
        URI receivedBase = URI.create("http://localhost/custodia/node-api/v1/");

        assertThrows(IllegalArgumentException.class, () -> own.rebuiltTargetUri(receivedBase,
                URI.create("http://localhost/custodia/node-api/v10/ping")));
        assertThrows(IllegalArgumentException.class, () -> own.rebuiltTargetUri(receivedBase,
                URI.create("http://localhost/custodia/api/node")));
    }
}
