package org.custodia.review;

import java.util.List;

/**
 * One page of a review of the audit trail.
 *
 * @param total how many entries the filter selects in all
 */
public record AuditPage(List<ReviewedEntry> entries, long total) {

    public AuditPage {
        entries = List.copyOf(entries);
    }
}
