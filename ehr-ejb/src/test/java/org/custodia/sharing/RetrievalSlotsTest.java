package org.custodia.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The bound on retrievals running at once: a slot given back however a retrieval ends, a limit below 1 refused. */
class RetrievalSlotsTest {

    @Test
    void aSlotIsGivenBackWhenItsRetrievalFails() {
        RetrievalSlots slots = new RetrievalSlots(1);

        assertThrows(IllegalStateException.class, () -> slots.inSlot(() -> {
            throw new IllegalStateException("the proxy answered nonsense");
        }));

        assertEquals("kept", slots.inSlot(() -> "kept"));
    }

    @Test
    void asManyRetrievalsAsTheLimitRunTogetherAndOneMoreIsRefused() {
        RetrievalSlots slots = new RetrievalSlots(2);

        String inner = slots.inSlot(() -> slots.inSlot(() -> {
            assertThrows(RetrievalsBusyException.class, () -> slots.inSlot(() -> "third"));
            return "second";
        }));

        assertEquals("second", inner);
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertEquals("custodia.sharing.max-concurrent-retrievals must be at least 1, not 0",
                assertThrows(IllegalArgumentException.class, () -> new RetrievalSlots(0)).getMessage());
    }
}
