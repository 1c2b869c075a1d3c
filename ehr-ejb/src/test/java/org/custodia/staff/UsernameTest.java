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

    /** What sign-in looks up: only text already of the shape (PostgreSQL refused a NUL in the look-up). */
    @Test
    void onlyTextOfAUsernamesShapeAsItIsCouldNameAnAccount() {
        assertEquals(true, Username.isShaped("nurse.1"));
        for (String typed : new String[] {"nur\u0000se", " nurse.1", "Nurse.1", "ab", null}) {
            assertFalse(Username.isShaped(typed), String.valueOf(typed));
        }
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
