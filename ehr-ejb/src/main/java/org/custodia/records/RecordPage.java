package org.custodia.records;

import java.util.List;
import java.util.Optional;

import org.custodia.kernel.ListPage;

/**
 * One page of a patient's records kept on this node, newest first.
 *
 * @param nextBefore the record to read the next, older page before ({@code before} of the next call): the last one
 *                   of this page; empty when no older record is kept
 */
public record RecordPage(List<RecordDetails> entries, Optional<RecordId> nextBefore)
        implements ListPage<RecordDetails, RecordId> {

    /** Records per page when the caller does not say. */
    public static final int DEFAULT_LIMIT = 100;
    /** The most a caller may ask for at once. */
    public static final int MAX_LIMIT = 200;

    public RecordPage {
        entries = List.copyOf(entries);
    }
}
