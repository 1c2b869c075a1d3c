package org.custodia.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.custodia.audit.AuditFilter;
import org.custodia.kernel.InvalidInputException;
import org.junit.jupiter.api.Test;

/** A review's own audit entry states what was typed only where the trail holds it already. */
class AuditReviewTest {

    private static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void aSearchThatFoundEntriesIsStatedAsTyped() {
        AuditFilter filter = new AuditFilter("dr.house", "record.download", "5f0e7c8a-3b1d-4f6e-9a2b-1c3d4e5f6a7b",
                FROM, null);

        assertEquals("filter actor=dr.house action=record.download subject=5f0e7c8a-3b1d-4f6e-9a2b-1c3d4e5f6a7b from="
                + FROM, AuditReview.describe(filter, 3));
    }

    /** A subject is also looked for inside every entry's detail: one longer than any the trail holds is refused. */
    @Test
    void aCriterionLongerThanAnyInTheTrailIsRefusedBeforeTheTrailIsRead() {
        AuditFilter filter = new AuditFilter(null, null, "x".repeat(AuditReview.MAX_CRITERION_LENGTH + 1), null, null);

        InvalidInputException refusal = assertThrows(InvalidInputException.class,
                () -> new AuditReview().search(filter, 0, 10));

        assertTrue(refusal.getMessage().startsWith("the subject to search for is longer"), refusal.getMessage());
    }

    /** A national id or a name typed into the search boxes finds nothing: only its length reaches the trail. */
    @Test
    void aSearchThatFoundNothingStatesOnlyTheLengthOfWhatWasTyped() {
        AuditFilter filter = new AuditFilter("Jane Doe", null, "756.1234.5678.97", FROM, null);

        assertEquals("filter actor=(8 characters, not shown: nothing found) subject=(16 characters, not shown: nothing "
                + "found) from=" + FROM, AuditReview.describe(filter, 0));
    }
}
