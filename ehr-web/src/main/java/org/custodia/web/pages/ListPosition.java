package org.custodia.web.pages;

import java.io.Serializable;
import java.util.List;

import org.custodia.kernel.ChainListPage;
import org.custodia.kernel.ListPage;

/**
 * Where a list shown a page at a time, newest first, stands on a page: on its newest page, or on an older one reached
 * with "Older". The list's service answers a page at a time from below a position (an entry number for a list read
 * from the chain, a record id for the records kept here); this remembers which, and whether an older page follows.
 *
 * @param <P> what names a position in the list
 */
public final class ListPosition<P extends Serializable> implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Rows a page shows. */
    static final int ROWS = 20;

    private P before;
    private P nextBefore;
    /** Where the page last shown starts. */
    private P shownBefore;
    private boolean unread;

    /** Where the page shown starts: below this position; null on the newest page. */
    P before() {
        return before;
    }

    /** The window of the page shown, for a list read from the chain (whose positions are entry numbers). */
    static ChainListPage.Window window(ListPosition<Long> position) {
        return new ChainListPage.Window(position.before, ROWS);
    }

    /** Notes where {@code page} leaves the list and returns its entries. */
    <T> List<T> shown(ListPage<T, P> page) {
        shownBefore = before;
        nextBefore = page.nextBefore().orElse(null);
        unread = false;
        return page.entries();
    }

    /**
     * The page asked for could not be read (the page says why): no entries, which the list shows as unread rather
     * than as none, and the list stays where the page last shown started, so that "Older" asks for the same page
     * again.
     */
    <T> List<T> unread() {
        before = shownBefore;
        unread = true;
        return List.of();
    }

    void older() {
        if (nextBefore != null) {
            before = nextBefore;
        }
    }

    void newest() {
        before = null;
    }

    /** Whether the last read of the list failed: an empty list then says nothing of what it holds. */
    public boolean isUnread() {
        return unread;
    }

    public boolean isOlderAvailable() {
        return nextBefore != null;
    }

    public boolean isNewestShown() {
        return before == null;
    }
}
