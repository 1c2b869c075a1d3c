package org.custodia.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.custodia.kernel.ChainListPage;
import org.custodia.records.RecordId;
import org.custodia.records.RecordPage;
import org.junit.jupiter.api.Test;

/** Where a page's list stands as staff press Older and Newest. */
class ListPositionTest {

    @Test
    void olderGoesOnBelowTheLastPageAndNewestComesBack() {
        ListPosition<Long> position = new ListPosition<>();
        assertEquals(new ChainListPage.Window(null, ListPosition.ROWS), ListPosition.window(position));
        assertTrue(position.isNewestShown());

        assertEquals(List.of("c", "b"), position.shown(new ChainListPage<>(List.of("c", "b"), Optional.of(41L))));
        assertTrue(position.isOlderAvailable());
        position.older();
        assertEquals(new ChainListPage.Window(41L, ListPosition.ROWS), ListPosition.window(position));
        assertFalse(position.isNewestShown());

        position.shown(new ChainListPage<>(List.of("a"), Optional.empty()));
        assertFalse(position.isOlderAvailable());
        position.older();
        assertEquals(41L, position.before(), "nothing older: Older stays where it is");

        position.newest();
        assertNull(ListPosition.window(position).before());
        assertTrue(position.isNewestShown());
    }

    @Test
    void aListOfRecordsKeptHereGoesOnFromTheLastRecordShown() {
        ListPosition<RecordId> position = new ListPosition<>();
        RecordId last = new RecordId("0c".repeat(32));
        assertEquals(List.of(), position.shown(new RecordPage(List.of(), Optional.of(last))));
        position.older();
        assertEquals(last, position.before());
        position.shown(new RecordPage(List.of(), Optional.empty()));
        assertFalse(position.isOlderAvailable());
        position.newest();
        assertNull(position.before());
    }

    /**
     * The chain unreachable as staff press Older: the list says it could not be read (not "none"), and stays where
     * the page last shown started, so Older asks for the same page again. Before, the position moved on regardless
     * and the list said there was nothing.
     */
    @Test
    void aPageThatCouldNotBeReadLeavesTheListWhereItWasAndSaysSo() {
        ListPosition<Long> position = new ListPosition<>();
        position.shown(new ChainListPage<>(List.of("c", "b"), Optional.of(41L)));
        position.older();

        assertEquals(List.of(), position.unread());

        assertTrue(position.isUnread());
        assertTrue(position.isNewestShown(), "back where the page shown started");
        assertTrue(position.isOlderAvailable());
        position.older();
        assertEquals(41L, position.before(), "Older asks for the same page again");
        position.shown(new ChainListPage<>(List.of("a"), Optional.empty()));
        assertFalse(position.isUnread());
    }
}
