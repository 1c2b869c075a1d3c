package org.custodia.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;

import org.custodia.records.RecordMetadata;
import org.custodia.staff.NewStaffMember;
import org.junit.jupiter.api.Test;

class TextFieldTest {

    @Test
    void aLineOfTextIsStrippedAndKeptWhateverItsScript() {
        assertEquals("Röntgen Thorax – p.a. \uD83E\uDE7A",
                TextField.required("  Röntgen Thorax – p.a. \uD83E\uDE7A ", "record title", 200));
        assertEquals("x".repeat(200), TextField.required("x".repeat(200), "record title", 200));
    }

    @Test
    void missingLongOrControlCharactersOrHalfAPairAreRefusedNamingTheField() {
        assertEquals("a record title is required",
                assertThrows(IllegalArgumentException.class, () -> TextField.required(" ", "record title", 200))
                        .getMessage());
        assertEquals("the record title is longer than 200 characters", assertThrows(IllegalArgumentException.class,
                () -> TextField.required("x".repeat(201), "record title", 200)).getMessage());
        for (String text : new String[] {"nul\u0000", "two\nlines", "tab\there", "del\u007F", "c1\u0085",
                "half \uD83E", "half \uDE7A pair", "\uDE7A\uD83E", "Blood\uFFFFcount", "\uFFFE"}) {
            assertEquals("the record title must be one line of text, without control characters",
                    assertThrows(IllegalArgumentException.class, () -> TextField.required(text, "record title", 200))
                            .getMessage(), text);
        }
    }

    @Test
    void textThisNodeWritesWhateverItWasGivenIsMadeOneLineAndCutBetweenCharacters() {
        assertEquals("St Mary\uFFFDHospital \uFFFD", TextField.fitted("St Mary\tHospital \uDE7A", 200));
        assertEquals("x".repeat(9), TextField.fitted("x".repeat(9) + "\uD83E\uDE7A", 10), "not half a pair");
        assertEquals("x".repeat(8) + "\uD83E\uDE7A", TextField.fitted("x".repeat(8) + "\uD83E\uDE7A", 10));
        assertEquals(null, TextField.fitted(null, 10));
        assertEquals("no \uFFFD characters \uFFFD", TextField.fitted("no \uFFFE characters \uFFFF", 200),
                "XML 1.0 carries neither");
    }

    @Test
    void recordTitlesAndDisplayNamesAreSuchLines() {
        assertThrows(IllegalArgumentException.class, () -> new RecordMetadata("laboratory", "a\u0000b", "text/plain"));
        assertThrows(IllegalArgumentException.class, () -> new NewStaffMember("d.doe", "Dana\u0000Doe",
                "a long enough password".toCharArray(), Set.of(StaffRole.PHYSICIAN)));
        assertEquals("Dana Doe", new NewStaffMember("d.doe", " Dana Doe ", "a long enough password".toCharArray(),
                Set.of(StaffRole.PHYSICIAN)).displayName());
    }
}
