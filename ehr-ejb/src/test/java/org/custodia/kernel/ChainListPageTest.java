package org.custodia.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The window a caller asks a list read from the chain for: an entry number to start below, and a length. */
class ChainListPageTest {

    @Test
    void aWindowNotSaidIsTheNewestPageOfTheDefaultLength() {
        assertEquals(new ChainListPage.Window(null, ChainListPage.DEFAULT_LIMIT), ChainListPage.Window.of(null, null));
        assertEquals(new ChainListPage.Window(7L, 1), ChainListPage.Window.of(7L, 1));
        assertEquals(ChainListPage.MAX_LIMIT, ChainListPage.Window.of(null, ChainListPage.MAX_LIMIT).limit());
    }

    @Test
    void aLengthOutsideOneToTheMostOrAnIdBelowOneIsRefused() {
        assertEquals("limit must be between 1 and 200",
                assertThrows(InvalidInputException.class, () -> ChainListPage.Window.of(null, 0)).getMessage());
        assertThrows(InvalidInputException.class, () -> ChainListPage.Window.of(null, ChainListPage.MAX_LIMIT + 1));
        assertEquals("before must be 1 or more (the nextBefore of a previous page)",
                assertThrows(InvalidInputException.class, () -> ChainListPage.Window.of(0L, null)).getMessage());
    }
}
