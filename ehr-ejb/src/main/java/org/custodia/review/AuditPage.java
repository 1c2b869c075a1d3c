package org.custodia.review;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.custodia.kernel.ListPage;

/**
 * One page of a review of the audit trail, newest first.
 *
 * @param nextBefore the entry to read the next, older page before ({@code before} of the next search): the last one
 *                   of this page; empty when no older entry matches
 */
public record AuditPage(List<ReviewedEntry> entries, Optional<UUID> nextBefore)
        implements ListPage<ReviewedEntry, UUID> {

    public AuditPage {
        entries = List.copyOf(entries);
    }
}
