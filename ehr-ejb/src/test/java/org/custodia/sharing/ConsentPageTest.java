package org.custodia.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.custodia.kernel.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The window a caller asks a consent list for: an entry id to start below, and a length a list may read. */
class ConsentPageTest {

    @Test
    void aWindowNotSaidIsTheNewestPageOfTheDefaultLength() {
        assertEquals(new ConsentPage.Window(null, ConsentPage.DEFAULT_LIMIT), ConsentPage.Window.of(null, null));
        assertEquals(new ConsentPage.Window(7L, 1), ConsentPage.Window.of(7L, 1));
        assertEquals(ConsentPage.MAX_LIMIT, ConsentPage.Window.of(null, ConsentPage.MAX_LIMIT).limit());
    }

    @Test
    void aLengthOutsideOneToTheMostOrAnIdBelowOneIsRefused() {
        assertEquals("limit must be between 1 and 200",
                assertThrows(InvalidInputException.class, () -> ConsentPage.Window.of(null, 0)).getMessage());
        assertThrows(InvalidInputException.class, () -> ConsentPage.Window.of(null, ConsentPage.MAX_LIMIT + 1));
        assertEquals("before must be an entry id (1 or more)",
                assertThrows(InvalidInputException.class, () -> ConsentPage.Window.of(0L, null)).getMessage());
    }
}
