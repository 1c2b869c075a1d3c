package org.custodia.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;

import org.junit.jupiter.api.Test;

/** A field a channel could not read is refused only when the service takes it, and never shows the text sent. */
class GivenTest {

    @Test
    void aFieldReadIsItsValueAndItsSubject() {
        UUID id = UUID.fromString("5f0c1e4a-8a43-4c47-9d0e-2b9a4d3c1f70");

        Given<UUID> given = Given.read(() -> id);

        assertEquals(id, given.value());
        assertEquals(id.toString(), given.toString());
    }

    @Test
    void aFieldNotReadIsRefusedWhenTakenWithTheReadersMessage() {
        Given<UUID> given = Given.read(() -> {
            throw new IllegalArgumentException("patientId must be a patient id (a UUID)");
        });

        InvalidInputException refused = assertThrows(InvalidInputException.class, given::value);
        assertEquals("patientId must be a patient id (a UUID)", refused.getMessage());
        assertEquals("(unreadable)", given.toString());
    }

    @Test
    void aFieldLeftOutIsNullAndShownAsNone() {
        Given<UUID> given = Given.of(null);

        assertNull(given.value());
        assertEquals("(none)", given.toString());
    }
}
