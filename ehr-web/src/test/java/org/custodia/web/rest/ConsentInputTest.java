package org.custodia.web.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;

import org.custodia.kernel.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The whole numbers of the sharing endpoints' JSON bodies, read as written. */
class ConsentInputTest {

    @ParameterizedTest
    @CsvSource({"2, 2", "2.000, 2", "1e0, 1", "-7, -7", "0, 0", "2147483647, 2147483647",
        "-2147483648, -2147483648", "1E+3, 1000"})
    void aWholeNumberIsReadAsItIs(String written, int read) {
        assertEquals(read, ConsentInput.givenWholeNumber(new BigDecimal(written), "reasonCode").value());
    }

    /** Before, JSON-B read 2.9 and 4294967298 into an {@code Integer} as 2, a valid reason code. */
    @ParameterizedTest
    @ValueSource(strings = {"2.9", "0.5", "4294967298", "2147483648", "-2147483649", "1e999999999", "1e-999999999"})
    void aFractionOrANumberBeyondAnIntIsRefusedNamingTheField(String written) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ConsentInput.givenWholeNumber(new BigDecimal(written), "reasonCode").value());
        assertEquals("reasonCode must be a whole number from -2147483648 to 2147483647", e.getMessage());
    }

    @Test
    void aNumberLeftOutIsNone() {
        assertNull(ConsentInput.givenWholeNumber(null, "reasonCode").value());
    }
}
