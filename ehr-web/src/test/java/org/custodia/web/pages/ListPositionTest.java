package org.custodia.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;

import org.custodia.kernel.ChainListPage;
import org.junit.jupiter.api.Test;

/** Where a page's consent list stands as staff press Older and Newest. */
class ListPositionTest {

    private final ListPosition position = new ListPosition();

    @Test
    void olderGoesOnBelowTheLastPageAndNewestComesBack() {
        assertEquals(new ChainListPage.Window(null, ListPosition.ROWS), position.window());
        assertTrue(position.isNewestShown());

        assertEquals(List.of("c", "b"), position.shown(new ChainListPage<>(List.of("c", "b"), OptionalLong.of(41))));
        assertTrue(position.isOlderAvailable());
        position.older();
        assertEquals(new ChainListPage.Window(41L, ListPosition.ROWS), position.window());
        assertFalse(position.isNewestShown());

        position.shown(new ChainListPage<>(List.of("a"), OptionalLong.empty()));
        assertFalse(position.isOlderAvailable());
        position.older();
        assertEquals(41L, position.window().before(), "nothing older: Older stays where it is");

        position.newest();
        assertNull(position.window().before());
        assertTrue(position.isNewestShown());
    }
}
