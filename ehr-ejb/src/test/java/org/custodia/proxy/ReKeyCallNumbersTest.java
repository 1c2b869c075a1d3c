package org.custodia.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import org.custodia.crypto.PreKeyPair;
import org.custodia.crypto.ReEncryptionKey;
import org.custodia.persistence.TestDatabase;
import org.custodia.testing.RecordingAuditTrail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last call numbers of re-keys a proxy no longer holds, forgotten once old ({@link SealedReKeys#forgetCallNumbers},
 * run hourly by {@link ReKeyCallNumberExpiry}), on a migrated H2 database; {@link ReKeyCallNumbersPostgresTest} runs
 * the same on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReKeyCallNumbersTest {

    private static final String HOSPITAL_A = ReKeyStoreTest.HOSPITAL_A;
    private static final String HOSPITAL_B = ReKeyStoreTest.HOSPITAL_B;
    private static final String HOSPITAL_C = ReKeyStoreTest.HOSPITAL_C;

    @TempDir
    static Path directory;

    private ProxyDatabase database;
    private SealedReKeys reKeys;
    private ReEncryptionKey reKey;
    private String owner;
    private String otherOwner;

    TestDatabase openDatabase() throws Exception {
        return TestDatabase.h2(directory);
    }

    @BeforeAll
    void migrate() throws Exception {
        database = new ProxyDatabase(directory, openDatabase());
    }

    @AfterAll
    void close() {
        database.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        database.clear();
        reKeys = database.reKeys(new RecordingAuditTrail());
        PreKeyPair patient = database.suite().kem().generateKeyPair();
        reKey = database.suite().kem().reEncryptionKey(patient.privateKey(),
                database.suite().kem().generateKeyPair().publicKey());
        owner = patient.publicKey().fingerprint().toString();
        otherOwner = database.suite().kem().generateKeyPair().publicKey().fingerprint().toString();
    }

    /**
     * Each re-key no longer held loses its number once its last call is older than the cut, whichever of the three
     * parts of its id it shares with the re-key held, whose number stays however old. Before, every re-key a custodian
     * ever called for kept its row for good.
     */
    @Test
    void theNumbersOfReKeysNoLongerHeldAreForgottenOnceTheirLastCallIsOlderThanTheCut() throws Exception {
        ProxyReKeyId held = ProxyReKeyId.parse(HOSPITAL_A, owner, HOSPITAL_B);
        List<ProxyReKeyId> withdrawn = List.of(ProxyReKeyId.parse(HOSPITAL_C, owner, HOSPITAL_B),
                ProxyReKeyId.parse(HOSPITAL_A, otherOwner, HOSPITAL_B),
                ProxyReKeyId.parse(HOSPITAL_A, owner, HOSPITAL_C));
        Instant beforeTheCalls = Instant.now().minusSeconds(1);
        reKeys.put(held, 50, reKey, HOSPITAL_A, "held");
        for (ProxyReKeyId id : withdrawn) {
            reKeys.put(id, 60, reKey, id.custodian(), "withdrawn");
            reKeys.remove(id, 61, id.custodian(), "withdrawn");
        }

        assertEquals(0, reKeys.forgetCallNumbers(beforeTheCalls), "no call is older than the cut");
        for (ProxyReKeyId id : withdrawn) {
            assertEquals(OptionalLong.of(61), database.callNumber(id), id.toString());
        }
        assertEquals(withdrawn.size(), reKeys.forgetCallNumbers(Instant.now()));
        for (ProxyReKeyId id : withdrawn) {
            assertEquals(OptionalLong.empty(), database.callNumber(id), id.toString());
        }
        assertEquals(OptionalLong.of(50), database.callNumber(held), "the number of a re-key held stays");
        assertEquals(1, reKeys.count());
    }

    /** A re-key called for after the cut keeps its number, so the calls it refuses are still refused. */
    @Test
    void aNumberCalledForAfterTheCutIsKept() throws Exception {
        ProxyReKeyId id = ProxyReKeyId.parse(HOSPITAL_A, owner, HOSPITAL_B);
        Instant cut = Instant.now();
        reKeys.put(id, 70, reKey, HOSPITAL_A, "withdrawn");
        reKeys.remove(id, 71, HOSPITAL_A, "withdrawn");

        assertEquals(0, reKeys.forgetCallNumbers(cut));
        assertEquals(OptionalLong.of(71), database.callNumber(id));
        assertThrows(ReKeySupersededException.class,
                () -> reKeys.put(id, 70, reKey, HOSPITAL_A, "withdrawn"), "the delivery it overtook stays refused");
    }
}
