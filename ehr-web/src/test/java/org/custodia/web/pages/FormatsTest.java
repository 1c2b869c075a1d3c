package org.custodia.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.custodia.sharing.ScopeDetails;
import org.junit.jupiter.api.Test;

class FormatsTest {

    private final Formats formats = new Formats();

    /** A grant approved until a day ends at the next midnight; staff read the day they chose. */
    @Test
    void anEndAtMidnightIsTheEndOfTheDayBefore() {
        assertEquals("end of 2027-01-01 UTC", formats.end(Instant.parse("2027-01-02T00:00:00Z")));
        assertEquals("end of 2028-02-29 UTC", formats.end(Instant.parse("2028-03-01T00:00:00Z")));
    }

    @Test
    void aScopeNamesItsCategoryOrTheStartOfItsRecordsId() {
        assertEquals("all", formats.scope(new ScopeDetails("all", null, null)));
        assertEquals("category: laboratory", formats.scope(new ScopeDetails("category", null, "laboratory")));
        String recordId = "5e0a1b2c3d4e" + "f".repeat(52);
        assertEquals("record 5e0a1b2c3d4e\u2026", formats.scope(new ScopeDetails("record", recordId, null)));
    }

    @Test
    void anyOtherEndIsWrittenToTheMinute() {
        assertEquals("2027-01-02 00:00 UTC", formats.end(Instant.parse("2027-01-02T00:00:30Z")));
        assertEquals("2027-01-02 13:45 UTC", formats.end(Instant.parse("2027-01-02T13:45:59Z")));
        assertEquals("", formats.end(null));
    }
}
