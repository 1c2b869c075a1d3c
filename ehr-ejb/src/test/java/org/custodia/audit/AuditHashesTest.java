package org.custodia.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class AuditHashesTest {

    private static final UUID ID = UUID.fromString("7f0c3a52-3c7e-4c7e-9a39-0d2b1c5e8f10");
    private static final Instant AT = Instant.parse("2026-12-01T08:00:00.123456Z");

    @Test
    void aSealedEntryHashesItsFieldsAndItsLink() {
        AuditEntry entry = AuditEntryFixtures.entry("p.phys", "record.download", "ab12", AuditOutcome.SUCCEEDED,
                "patient 1");
        entry.seal(7, AuditHashes.GENESIS);
        assertEquals(7L, entry.sequence());
        assertEquals(64, entry.entryHash().length());
        assertEquals(entry.entryHash(), entry.computedHash(), "nothing changed since sealing");
    }

    @Test
    void everyFieldAndTheLinkChangeTheHash() {
        String base = hash(1, AuditHashes.GENESIS, "p.phys", "record.download", "ab12", AuditOutcome.SUCCEEDED, "d");
        assertEquals(base, hash(1, AuditHashes.GENESIS, "p.phys", "record.download", "ab12", AuditOutcome.SUCCEEDED,
                "d"), "deterministic");
        assertNotEquals(base, hash(2, AuditHashes.GENESIS, "p.phys", "record.download", "ab12",
                AuditOutcome.SUCCEEDED, "d"));
        assertNotEquals(base, hash(1, "1".repeat(64), "p.phys", "record.download", "ab12", AuditOutcome.SUCCEEDED,
                "d"));
        assertNotEquals(base, hash(1, AuditHashes.GENESIS, "p.phys", "record.download", "ab12", AuditOutcome.REFUSED,
                "d"));
        assertNotEquals(base, hash(1, AuditHashes.GENESIS, "p.phys", "record.download", "ab12",
                AuditOutcome.SUCCEEDED, null), "no detail is not an empty one");
        assertNotEquals(hash(1, AuditHashes.GENESIS, "ab", "c", null, AuditOutcome.SUCCEEDED, null),
                hash(1, AuditHashes.GENESIS, "a", "bc", null, AuditOutcome.SUCCEEDED, null),
                "fields are length-prefixed: moving text from one to the next changes the hash");
    }

    private static String hash(long sequence, String previous, String actor, String action, String subject,
            AuditOutcome outcome, String detail) {
        return AuditHashes.of(sequence, previous, ID, AT, actor, action, subject, outcome, detail);
    }
}
