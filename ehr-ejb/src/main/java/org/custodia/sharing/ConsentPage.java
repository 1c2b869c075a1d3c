package org.custodia.sharing;

import java.util.List;
import java.util.OptionalLong;

import org.custodia.kernel.InvalidInputException;

/**
 * One page of a list of consent entries, newest first. {@code nextBefore}, when present, is what to pass as
 * {@code before} for the next, older page; absent, no older entry is left. A page may hold fewer entries than asked
 * for and still have a next one: entries are selected here and then filtered on their state on chain.
 */
public record ConsentPage<T>(List<T> entries, OptionalLong nextBefore) {

    /** Entries per page when the caller does not say. */
    public static final int DEFAULT_LIMIT = 100;
    /** The most a caller may ask for: each entry on a page is read from the chain. */
    public static final int MAX_LIMIT = 200;

    public ConsentPage {
        entries = List.copyOf(entries);
    }

    /** Where a page starts and how long it is, as a caller asks for it. */
    public record Window(Long before, int limit) {

        public Window {
            if (before != null && before < 1) {
                throw new InvalidInputException("before must be an entry id (1 or more)");
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
