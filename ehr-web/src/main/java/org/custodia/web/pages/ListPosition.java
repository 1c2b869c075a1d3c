package org.custodia.web.pages;

import java.io.Serializable;
import java.util.List;

import org.custodia.kernel.ChainListPage;

/**
 * Where a list read from the chain stands on a page: on its newest page, or on an older one reached with "Older".
 * The list's service answers a page at a time; this remembers which, and whether an older one may follow.
 */
public final class ListPosition implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Rows a page shows, each read from the chain. */
    static final int ROWS = 20;

    private Long before;
    private Long nextBefore;

    /** The window of the page shown. */
    ChainListPage.Window window() {
        return new ChainListPage.Window(before, ROWS);
    }

    /** Notes where {@code page} leaves the list and returns its entries. */
    <T> List<T> shown(ChainListPage<T> page) {
        nextBefore = page.nextBefore().isPresent() ? page.nextBefore().getAsLong() : null;
        return page.entries();
    }

    void older() {
        if (nextBefore != null) {
            before = nextBefore;
        }
    }

    void newest() {
        before = null;
    }

    public boolean isOlderAvailable() {
        return nextBefore != null;
    }

    public boolean isNewestShown() {
        return before == null;
    }
}
