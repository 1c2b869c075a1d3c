package org.custodia.kernel;

import java.util.List;
import java.util.Optional;

/**
 * One page of a list whose entries are read from the chain (consent entries, a patient's records across the
 * consortium), newest first, each entry numbered in the list's own order: the number is its position. A page may hold
 * fewer entries than asked for and still have a next one when its entries are filtered on their state on chain after
 * they are selected.
 */
public record ChainListPage<T>(List<T> entries, Optional<Long> nextBefore) implements ListPage<T, Long> {

    /** Entries per page when the caller does not say. */
    public static final int DEFAULT_LIMIT = 100;
    /** The most a caller may ask for: each entry on a page is read from the chain. */
    public static final int MAX_LIMIT = 200;

    public ChainListPage {
        entries = List.copyOf(entries);
    }

    /** Where a page starts (below the entry numbered {@code before}, if given) and how long it is. */
    public record Window(Long before, int limit) {

        public Window {
            if (before != null && before < 1) {
                throw new InvalidInputException("before must be 1 or more (the nextBefore of a previous page)");
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new InvalidInputException("limit must be between 1 and " + MAX_LIMIT);
            }
        }

        /** A window from a caller's optional parameters. */
        public static Window of(Long before, Integer limit) {
            return new Window(before, limit == null ? DEFAULT_LIMIT : limit);
        }
    }
}
