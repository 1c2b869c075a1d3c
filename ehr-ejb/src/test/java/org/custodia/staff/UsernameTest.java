package org.custodia.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.custodia.kernel.Given;
import org.custodia.kernel.InvalidInputException;
import org.junit.jupiter.api.Test;

/** A username as a channel reads it: its value, or a refusal that neither the trail nor the answer quotes. */
class UsernameTest {

    @Test
    void aUsernameIsReadStripped() {
        Given<Username> read = Username.given(" nurse.1 ");

        assertEquals("nurse.1", read.value().value());
        assertEquals("nurse.1", read.toString());
    }

    @Test
    void textOfAnotherShapeIsAuditedAsUnreadableAndRefusedWithoutBeingQuoted() {
        for (String typed : new String[] {"Correct-Horse-Battery", "ab", "x".repeat(65), "nurse 1", ""}) {
            Given<Username> read = Username.given(typed);

            assertEquals("(unreadable)", read.toString(), typed);
            InvalidInputException refused = assertThrows(InvalidInputException.class, read::value);
            assertFalse(!typed.isEmpty() && refused.getMessage().contains(typed), refused.getMessage());
        }
    }
}
