package org.custodia.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.custodia.filestore.EnvelopeStore;
import org.custodia.filestore.NodeFileStore;
import org.custodia.filestore.StoredEnvelope;
import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.kernel.NodeSettings;
import org.custodia.testing.Beans;
import org.custodia.testing.CapturedLog;
import org.custodia.testing.TestThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up sweep on a real envelope store and the migrated schema (H2), as a crash between them leaves them. */
class OrphanEnvelopeSweepTest {

    @TempDir
    Path directory;

    private RecordsDatabase database;

    @BeforeEach
    void openDatabase() throws Exception {
        database = new RecordsDatabase(directory);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void setsAsideAnOldEnvelopeNoRecordRefersToAndKeepsReferencedAndYoungOnesInPlace() throws Exception {
        NodeFileStore fileStore = fileStore(Duration.ofHours(24), 100);
        EnvelopeStore envelopes = fileStore.envelopes();
        StoredEnvelope referenced = envelopes.store(out -> out.write(new byte[] {1}));
        StoredEnvelope orphan = envelopes.store(out -> out.write(new byte[] {2}));
        StoredEnvelope young = envelopes.store(out -> out.write(new byte[] {3}));
        database.store().add(recordOf(referenced));
        FileTime twoDaysAgo = FileTime.from(Instant.now().minus(Duration.ofHours(48)));
        Files.setLastModifiedTime(fileOf(envelopes, referenced), twoDaysAgo);
        Files.setLastModifiedTime(fileOf(envelopes, orphan), twoDaysAgo);
        Files.setLastModifiedTime(fileOf(envelopes, young), FileTime.from(Instant.now().minus(Duration.ofHours(23))));

        byte[] orphanBytes = Files.readAllBytes(fileOf(envelopes, orphan));
        List<LogRecord> logged = CapturedLog.of(OrphanEnvelopeSweep.class,
                () -> assertEquals(1, sweep(fileStore).sweep()));

        assertFalse(envelopes.contains(orphan.storageKey()), "the orphan is no longer served");
        assertArrayEquals(orphanBytes, Files.readAllBytes(envelopes.orphanFolder().resolve(orphan.storageKey())),
                "it is kept whole, set aside: it may be the only copy of a record a restored database lost");
        assertEquals(1, logged.size(), logged.toString());
        assertEquals(Level.WARNING, logged.get(0).getLevel());
        assertTrue(logged.get(0).getMessage().contains(envelopes.orphanFolder().toString()),
                logged.get(0).getMessage());
        assertTrue(envelopes.contains(referenced.storageKey()), "an envelope a record refers to stays, however old");
        assertTrue(envelopes.contains(young.storageKey()), "an envelope whose record may be committing stays");
    }

    @Test
    void anOrphanAgeUnderAnHourIsRefusedAndNothingIsRemoved() throws Exception {
        NodeFileStore fileStore = fileStore(Duration.ofMinutes(5), 100);
        StoredEnvelope orphan = fileStore.envelopes().store(out -> out.write(new byte[] {4}));
        Files.setLastModifiedTime(fileOf(fileStore.envelopes(), orphan),
                FileTime.from(Instant.now().minus(Duration.ofHours(48))));

        DependencyUnavailableException e = assertThrows(DependencyUnavailableException.class,
                () -> sweep(fileStore).sweep());
        assertTrue(e.getMessage().contains("custodia.filestore.orphan-age"), e.getMessage());
        assertTrue(fileStore.envelopes().contains(orphan.storageKey()));
    }

    @Test
    void tooManyOrphansAreAllKeptAndTheRefusalIsLoggedOnceAsSevere() throws Exception {
        NodeFileStore fileStore = fileStore(Duration.ofHours(24), 1);
        EnvelopeStore envelopes = fileStore.envelopes();
        StoredEnvelope first = envelopes.store(out -> out.write(new byte[] {5}));
        StoredEnvelope second = envelopes.store(out -> out.write(new byte[] {6}));
        FileTime twoDaysAgo = FileTime.from(Instant.now().minus(Duration.ofHours(48)));
        Files.setLastModifiedTime(fileOf(envelopes, first), twoDaysAgo);
        Files.setLastModifiedTime(fileOf(envelopes, second), twoDaysAgo);
        List<LogRecord> logged = CapturedLog.of(OrphanEnvelopeSweep.class,
                () -> assertEquals(0, sweep(fileStore).sweep(), "the refusal does not fail the node's start"));

        assertTrue(envelopes.contains(first.storageKey()) && envelopes.contains(second.storageKey()),
                "none is moved");
        assertEquals(1, logged.size(), logged.toString());
        assertEquals(Level.SEVERE, logged.get(0).getLevel());
        assertTrue(logged.get(0).getMessage().contains("custodia.filestore.orphan-sweep-limit (1)"),
                logged.get(0).getMessage());
    }

    @Test
    void aNegativeSweepLimitIsRefusedAndNothingIsRemoved() throws Exception {
        NodeFileStore fileStore = fileStore(Duration.ofHours(24), -1);
        StoredEnvelope orphan = fileStore.envelopes().store(out -> out.write(new byte[] {7}));
        Files.setLastModifiedTime(fileOf(fileStore.envelopes(), orphan),
                FileTime.from(Instant.now().minus(Duration.ofHours(48))));

        DependencyUnavailableException e = assertThrows(DependencyUnavailableException.class,
                () -> sweep(fileStore).sweep());
        assertTrue(e.getMessage().contains("custodia.filestore.orphan-sweep-limit"), e.getMessage());
        assertTrue(fileStore.envelopes().contains(orphan.storageKey()));
    }

    private NodeFileStore fileStore(Duration orphanAge, int orphanSweepLimit) {
        NodeSettings settings = new NodeSettings("hospital", "node", directory.toString(),
                directory.resolve("filestore").toString(), "http://127.0.0.1:1", 0);
        return new NodeFileStore(settings, 8, 30, orphanAge, orphanSweepLimit, TestThreads.daemons());
    }

    private OrphanEnvelopeSweep sweep(NodeFileStore fileStore) {
        OrphanEnvelopeSweep sweep = new OrphanEnvelopeSweep();
        Beans.inject(sweep, OrphanEnvelopeSweep.class, "records", database.store());
        Beans.inject(sweep, OrphanEnvelopeSweep.class, "fileStore", fileStore);
        return sweep;
    }

    private HealthRecord recordOf(StoredEnvelope envelope) {
        byte[] id = new byte[32];
        new SecureRandom().nextBytes(id);
        return new HealthRecord(id, database.patientId(),
                new RecordMetadata("laboratory", "Blood count", "application/pdf"), 1, envelope.sha256(),
                envelope.size(), envelope.storageKey(), Instant.now(), "d.ross");
    }

    private static Path fileOf(EnvelopeStore envelopes, StoredEnvelope envelope) {
        String key = envelope.storageKey();
        return envelopes.root().resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key);
    }
}
