package org.custodia.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.custodia.kernel.Given;
import org.custodia.kernel.InvalidInputException;
import org.junit.jupiter.api.Test;

class RecordIdTest {

    private static final String HEX = "ab".repeat(32);

    @Test
    void anIdIsReadInLowerCaseWithOrWithoutItsPrefix() {
        assertEquals(new RecordId(HEX), RecordId.parse(HEX.toUpperCase()));
        assertEquals(new RecordId(HEX), RecordId.parse(" 0x" + HEX + " "));
        assertEquals(HEX, RecordId.given("0X" + HEX).toString());
    }

    @Test
    void otherTextIsRefusedWithoutBeingRepeated() {
        for (String sent : new String[] {null, "", "NID-1234567", HEX + "0", "0x" + HEX.substring(2) + "zz"}) {
            Given<RecordId> given = RecordId.given(sent);
            assertEquals("(unreadable)", given.toString(), "as an audit subject");
            InvalidInputException refused = assertThrows(InvalidInputException.class, given::value);
            assertEquals("a record id is 64 hex digits", refused.getMessage());
        }
        assertFalse(RecordId.given("NID-1234567").toString().contains("NID"));
    }
}
