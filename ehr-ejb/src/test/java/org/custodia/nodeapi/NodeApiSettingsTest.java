package org.custodia.nodeapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.custodia.kernel.DependencyUnavailableException;
import org.junit.jupiter.api.Test;

/** Settings out of range fail the node calls that need them with the property's name, never silently. */
class NodeApiSettingsTest {

    private static final String URL = "http://127.0.0.1:8080/custodia";

    @Test
    void theDefaultsAsConfigured() {
        NodeApiSettings settings = new NodeApiSettings(URL, 60, 65_536);

        assertEquals("http://127.0.0.1:8080/custodia/node-api/v1", settings.ownApi().toString());
        assertEquals(Duration.ofSeconds(60), settings.signatureWindow());
        assertEquals(65_536, settings.maxSignedBodyBytes());
    }

    @Test
    void aPublicUrlThatIsNoNodesUrlIsNamed() {
        DependencyUnavailableException failure = assertThrows(DependencyUnavailableException.class,
                () -> new NodeApiSettings("127.0.0.1:8080/custodia", 60, 65_536).ownApi());

        assertTrue(failure.getMessage().startsWith("custodia.node.public-url "), failure.getMessage());
    }

    @Test
    void aWindowMustBePositive() {
        assertThrows(DependencyUnavailableException.class, () -> new NodeApiSettings(URL, 0, 65_536)
                .signatureWindow());
        assertThrows(DependencyUnavailableException.class, () -> new NodeApiSettings(URL, -5, 65_536)
                .signatureWindow());
    }

    @Test
    void theBodyBoundIsBetweenOneByteAndSixteenMebibytes() {
        assertEquals(16 * 1024 * 1024, new NodeApiSettings(URL, 60, 16 * 1024 * 1024).maxSignedBodyBytes());
        assertThrows(DependencyUnavailableException.class, () -> new NodeApiSettings(URL, 60, 0)
                .maxSignedBodyBytes());
        DependencyUnavailableException tooLarge = assertThrows(DependencyUnavailableException.class,
                () -> new NodeApiSettings(URL, 60, 16 * 1024 * 1024 + 1).maxSignedBodyBytes());
        assertTrue(tooLarge.getMessage().startsWith("custodia.node-api.max-signed-body-bytes"),
                tooLarge.getMessage());
    }
}
