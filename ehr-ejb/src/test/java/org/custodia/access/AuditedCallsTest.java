package org.custodia.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.custodia.audit.AuditedAction;
import org.custodia.kernel.StaffRole;
import org.custodia.testing.RecordingAuditTrail;
import org.junit.jupiter.api.Test;

/** What the audited-call interceptor does with a result whose entry cannot be written. */
class AuditedCallsTest {

    private static final Actor PHYSICIAN = new Actor("d.ross", Set.of(StaffRole.PHYSICIAN));

    /**
     * An opened record holds its patient's key or its plaintext until closed: one whose succeeded entry the database
     * refuses never reaches the caller, so the interceptor closes it. Before, it was left to the garbage collector.
     */
    @Test
    void aResultTheCallerNeverGetsIsClosedWhenItsEntryCannotBeWritten() {
        RecordingAuditTrail trail = new RecordingAuditTrail();
        trail.refuseEntriesOfTheirOwn();
        AtomicBoolean closed = new AtomicBoolean();
        AutoCloseable opened = () -> closed.set(true);

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> AuditedCallRunner.run(trail,
                PHYSICIAN, AuditedAction.RECORD_DOWNLOAD, "record-1", () -> opened));
        assertEquals("the audit entry's insert failed", refused.getMessage());
        assertTrue(closed.get(), "the opened record was closed");
    }

    @Test
    void aResultWhoseEntryIsWrittenIsTheCallersToClose() throws Exception {
        RecordingAuditTrail trail = new RecordingAuditTrail();
        AtomicBoolean closed = new AtomicBoolean();
        AutoCloseable opened = () -> closed.set(true);

        assertEquals(opened, AuditedCallRunner.run(trail, PHYSICIAN, AuditedAction.RECORD_DOWNLOAD, "record-1",
                () -> opened));
        assertEquals(false, closed.get());
        assertEquals(1, trail.entries().size());
    }
}
