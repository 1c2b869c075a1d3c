package org.custodia.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class AuditEntryTest {

    @Test
    void longCallerSuppliedTextsAreCutToTheirColumns() {
        AuditEntry entry = AuditEntryFixtures.entry("u".repeat(500), "staff.sign-in", "s".repeat(500),
                AuditOutcome.REFUSED, "d".repeat(5000));
        assertEquals(128, entry.getActor().length());
        assertEquals(128, entry.getSubject().length());
        assertEquals(1024, entry.getDetail().length());
        assertNull(AuditEntryFixtures.entry("a", "b", null, AuditOutcome.SUCCEEDED, null).getSubject());
    }

    @Test
    void controlCharactersAndUnpairedSurrogatesAreReplacedAndAPairIsNeverCut() {
        AuditEntry entry = AuditEntryFixtures.entry("p.phys", "record.upload", "a\u0000b\nc\ud800",
                AuditOutcome.REFUSED, "x\tz\udc00");
        assertEquals("a\uFFFDb\uFFFDc\uFFFD", entry.getSubject());
        assertEquals("x\uFFFDz\uFFFD", entry.getDetail());

        String cutInsideAPair = "s".repeat(127) + "\uD83D\uDE00";
        assertEquals("s".repeat(127), AuditEntryFixtures.entry("a", "b", cutInsideAPair, AuditOutcome.REFUSED, null)
                .getSubject());
        String pairWithin = "s".repeat(126) + "\uD83D\uDE00";
        assertEquals(pairWithin, AuditEntryFixtures.entry("a", "b", pairWithin, AuditOutcome.REFUSED, null)
                .getSubject());
    }
}
