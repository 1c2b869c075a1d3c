package org.custodia.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Work bounded to a number of slots: one more refused with the owner's refusal, a slot given back however it ends. */
class BulkheadTest {

    private final BusyException refusal = new BusyException("busy", Duration.ofSeconds(3), null) {
        private static final long serialVersionUID = 1L;
    };

    @Test
    void asManyAsItsSlotsRunAndOneMoreIsRefusedWithTheOwnersRefusal() {
        Bulkhead bulkhead = new Bulkhead("test.slots", 2, () -> refusal);

        String inner = bulkhead.run(() -> bulkhead.run(() -> {
            assertSame(refusal, assertThrows(BusyException.class, () -> bulkhead.run(() -> "third")));
            return "second";
        }));

        assertEquals("second", inner);
        assertEquals("again", bulkhead.run(() -> "again"), "both slots given back");
    }

    @Test
    void aSlotIsGivenBackWhenItsWorkFails() {
        Bulkhead bulkhead = new Bulkhead("test.slots", 1, () -> refusal);

        assertThrows(IllegalStateException.class, () -> bulkhead.run(() -> {
            throw new IllegalStateException("failed");
        }));

        assertEquals("ran", bulkhead.run(() -> "ran"));
    }

    @Test
    void noSlotIsRefused() {
        assertEquals("test.slots must be at least 1, not 0", assertThrows(IllegalArgumentException.class,
                () -> new Bulkhead("test.slots", 0, () -> refusal)).getMessage());
    }
}
