package org.custodia.kernel;

import java.util.List;
import java.util.Optional;

/**
 * One page of a list read newest first, a page at a time, each page from below a position the page before named.
 *
 * @param <T> an entry of the list
 * @param <P> what names a position in the list (an entry number, an id)
 */
public interface ListPage<T, P> {

    /** The page's entries, newest first. */
    List<T> entries();

    /** Where the next, older page starts ({@code before} of the next call); empty when no older entry is left. */
    Optional<P> nextBefore();
}
