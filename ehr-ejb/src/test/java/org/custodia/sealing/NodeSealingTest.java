package org.custodia.sealing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.testing.InMemoryKeyCheckRecord;
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
                configured.toString(), new InMemoryKeyCheckRecord(), List.of());

        DependencyUnavailableException refused = assertThrows(DependencyUnavailableException.class,
                sealing::keyEncryptionKey);
        assertTrue(refused.getMessage().contains(earlier.toString()), refused.getMessage());
        assertFalse(Files.exists(configured), "no new key-encryption key was created");
    }

    @Test
    void aNewNodeGetsItsKeystoreWhereItIsConfiguredAndRecordsItsKeysCheckValue() {
        Path configured = directory.resolve("data-secrets").resolve("node-keys.p12");
        InMemoryKeyCheckRecord record = new InMemoryKeyCheckRecord();

        KeyEncryptionKey kek = sealing(configured, record, unasked()).keyEncryptionKey();

        assertTrue(Files.exists(configured));
        assertEquals(Optional.of(kek.checkValue()), record.recorded());
        assertEquals(kek.checkValue(), sealing(configured, record, unasked()).keyEncryptionKey().checkValue(),
                "the next start opens the same key, which matches the record");
    }

    @Test
    void aMissingKeystoreIsNeverReplacedOnceTheDatabaseRecordsItsKey() throws Exception {
        Path configured = directory.resolve("data-secrets").resolve("node-keys.p12");
        InMemoryKeyCheckRecord record = new InMemoryKeyCheckRecord();
        sealing(configured, record).keyEncryptionKey();
        Files.move(configured, directory.resolve("elsewhere.p12"));

        DependencyUnavailableException refused = assertThrows(DependencyUnavailableException.class,
                sealing(configured, record)::keyEncryptionKey);

        assertTrue(refused.getMessage().contains(configured + " does not exist"), refused.getMessage());
        assertFalse(Files.exists(configured), "no new key-encryption key was created");
    }

    @Test
    void aMissingKeystoreIsNeverReplacedOnANodeFromBeforeTheRecordThatStoresWrappedKeys() {
        Path configured = directory.resolve("data-secrets").resolve("node-keys.p12");
        InMemoryKeyCheckRecord record = new InMemoryKeyCheckRecord().withKeysStored();

        DependencyUnavailableException refused = assertThrows(DependencyUnavailableException.class,
                sealing(configured, record)::keyEncryptionKey);

        assertTrue(refused.getMessage().contains(configured + " does not exist"), refused.getMessage());
        assertFalse(Files.exists(configured), "no new key-encryption key was created");
        assertEquals(Optional.empty(), record.recorded(), "nor its check value recorded");
    }

    @Test
    void anotherNodesKeystoreIsRefused() {
        Path mine = directory.resolve("mine").resolve("node-keys.p12");
        Path another = directory.resolve("another").resolve("node-keys.p12");
        InMemoryKeyCheckRecord record = new InMemoryKeyCheckRecord();
        sealing(mine, record).keyEncryptionKey();
        sealing(another, new InMemoryKeyCheckRecord()).keyEncryptionKey();

        DependencyUnavailableException refused = assertThrows(DependencyUnavailableException.class,
                sealing(another, record)::keyEncryptionKey);

        assertTrue(refused.getMessage().contains(another + " holds another key-encryption key"),
                refused.getMessage());
    }

    @Test
    void aKeystoreFromBeforeTheRecordHasItsCheckValueRecorded() throws Exception {
        Path configured = directory.resolve("data-secrets").resolve("node-keys.p12");
        KeyEncryptionKey existing = NodeKeystore.openOrCreate(configured, PASSWORD.toCharArray(), new SecureRandom());
        InMemoryKeyCheckRecord record = new InMemoryKeyCheckRecord();

        sealing(configured, record).keyEncryptionKey();

        assertEquals(Optional.of(existing.checkValue()), record.recorded());
    }

    /**
     * A node from before the record, another keystore at the configured path at its first start since: adopted, it
     * would wrap new keys under a key that opens none of the stored ones, and refuse the right keystore from then on.
     */
    @Test
    void aKeystoreFromBeforeTheRecordIsRecordedOnlyIfItOpensTheStoredKeys() throws Exception {
        Path configured = directory.resolve("data-secrets").resolve("node-keys.p12");
        KeyEncryptionKey existing = NodeKeystore.openOrCreate(configured, PASSWORD.toCharArray(), new SecureRandom());
        InMemoryKeyCheckRecord record = new InMemoryKeyCheckRecord().withKeysStored();
        WrappedKeySample noneStored = sample(Optional.empty());

        DependencyUnavailableException refused = assertThrows(DependencyUnavailableException.class,
                sealing(configured, record, noneStored, sample(Optional.of(false)))::keyEncryptionKey);

        assertTrue(refused.getMessage().contains(configured + " holds another key-encryption key than the one "
                + "that wraps the sample's keys"), refused.getMessage());
        assertEquals(Optional.empty(), record.recorded(), "nothing recorded");
        sealing(configured, record, noneStored, sample(Optional.of(true))).keyEncryptionKey();
        assertEquals(Optional.of(existing.checkValue()), record.recorded());
    }

    @Test
    void theCheckValueTellsKeysApartAndIsNotTheKey() throws Exception {
        KeyEncryptionKey one = NodeKeystore.openOrCreate(directory.resolve("one.p12"), PASSWORD.toCharArray(),
                new SecureRandom());
        KeyEncryptionKey same = NodeKeystore.openOrCreate(directory.resolve("one.p12"), PASSWORD.toCharArray(),
                new SecureRandom());
        KeyEncryptionKey other = NodeKeystore.openOrCreate(directory.resolve("other.p12"), PASSWORD.toCharArray(),
                new SecureRandom());

        assertEquals(one.checkValue(), same.checkValue());
        assertNotEquals(one.checkValue(), other.checkValue());
        assertEquals(32, one.checkValue().length(), "one AES block, hex");
    }

    private NodeSealing sealing(Path keystore, InMemoryKeyCheckRecord record, WrappedKeySample... samples) {
        return new NodeSealing(config(Map.of("custodia.data.dir", directory.resolve("data").toString())),
                keystore.toString(), record, List.of(samples));
    }

    /** A sample that must not be tried: on a new node, or once the check value is recorded. */
    private static WrappedKeySample unasked() {
        return new WrappedKeySample() {
            @Override
            public String kind() {
                return "keys never asked for";
            }

            @Override
            public Optional<Boolean> opensUnder(KeyEncryptionKey kek) {
                throw new AssertionError("the stored keys were tried though nothing called for it");
            }
        };
    }

    private static WrappedKeySample sample(Optional<Boolean> opens) {
        return new WrappedKeySample() {
            @Override
            public String kind() {
                return "the sample's keys";
            }

            @Override
            public Optional<Boolean> opensUnder(KeyEncryptionKey kek) {
                return opens;
            }
        };
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
