package org.custodia.sealing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;

import org.custodia.kernel.DependencyUnavailableException;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeSealingTest {

    private static final String PASSWORD = "keystore password for the test";

    @TempDir
    Path directory;

    @Test
    void aKeystoreLeftInTheDataDirectoryIsNeverReplacedByANewKey() throws Exception {
        Path data = directory.resolve("data");
        Path earlier = data.resolve("secrets").resolve("node-keys.p12");
        Files.createDirectories(earlier.getParent());
        NodeKeystore.openOrCreate(earlier, PASSWORD.toCharArray(), new SecureRandom());
        Path configured = directory.resolve("data-secrets").resolve("node-keys.p12");

        NodeSealing sealing = new NodeSealing(config(Map.of("custodia.data.dir", data.toString())),
                configured.toString());

        DependencyUnavailableException refused = assertThrows(DependencyUnavailableException.class,
                sealing::keyEncryptionKey);
        assertTrue(refused.getMessage().contains(earlier.toString()), refused.getMessage());
        assertFalse(Files.exists(configured), "no new key-encryption key was created");
    }

    @Test
    void aNewNodeGetsItsKeystoreWhereItIsConfigured() {
        Path configured = directory.resolve("data-secrets").resolve("node-keys.p12");
        NodeSealing sealing = new NodeSealing(config(Map.of("custodia.data.dir",
                directory.resolve("data").toString())), configured.toString());

        assertNotNull(sealing.keyEncryptionKey());
        assertTrue(Files.exists(configured));
    }

    /** Configuration with the keystore password and {@code values}, nothing else. */
    private static Config config(Map<String, String> values) {
        return (Config) Proxy.newProxyInstance(Config.class.getClassLoader(), new Class<?>[] {Config.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("getOptionalValue")) {
                        return NodeSealing.PASSWORD_PROPERTY.equals(arguments[0]) ? Optional.of(PASSWORD)
                                : Optional.ofNullable(values.get((String) arguments[0]));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
