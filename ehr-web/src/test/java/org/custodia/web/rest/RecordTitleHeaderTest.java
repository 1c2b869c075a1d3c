package org.custodia.web.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.custodia.kernel.Given;
import org.custodia.kernel.InvalidInputException;
import org.junit.jupiter.api.Test;

class RecordTitleHeaderTest {

    @Test
    void aTitleEncodedAsEncodeUriComponentWritesItIsReadBack() {
        // encodeURIComponent("Röntgen Thorax (p.a.) + lateral 50%") in a browser
        assertEquals("Röntgen Thorax (p.a.) + lateral 50%",
                RecordTitleHeader.decode("R%C3%B6ntgen%20Thorax%20(p.a.)%20%2B%20lateral%2050%25"));
        assertEquals("Blood count", RecordTitleHeader.decode("Blood count"), "printable ASCII as it is");
        assertEquals("a+b", RecordTitleHeader.decode("a+b"), "a plus is a plus, not a space");
        assertEquals("\uD83E\uDE7A", RecordTitleHeader.decode("%F0%9F%A9%BA"), "four bytes, one character");
    }

    @Test
    void malformedEscapesBytesThatAreNotUtf8AndRawNonAsciiAreRefusedWithoutTheText() {
        for (String malformed : new String[] {"50%", "%4", "%G1", "%C3", "%FF", "%C0%AF", "%ED%A0%80", "Röntgen",
                "tab\there", "%\u0661\u0662"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> RecordTitleHeader.decode(malformed), malformed);
            assertFalse(refused.getMessage().contains(malformed), refused.getMessage());
        }
    }

    @Test
    void theServiceIsGivenTheTitleOrWhyThereIsNone() {
        assertEquals("Lipid panel", RecordTitleHeader.given("Lipid%20panel", null).value());
        Given<String> inUrl = RecordTitleHeader.given("Lipid%20panel", "Lipid panel");
        assertEquals("(unreadable)", inUrl.toString(), "no title reaches the audit trail");
        assertEquals("the record's title goes in the Custodia-Record-Title header (percent-encoded UTF-8), not in the "
                + "URL, which proxies log", assertThrows(InvalidInputException.class, inUrl::value).getMessage());
        assertThrows(InvalidInputException.class, () -> RecordTitleHeader.given(null, null).value());
        assertThrows(InvalidInputException.class, () -> RecordTitleHeader.given("%zz", null).value());
    }
}
