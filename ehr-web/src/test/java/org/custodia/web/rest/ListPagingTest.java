package org.custodia.web.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Numbers and ids in a query or body are read as the SOAP contract reads them, nothing more leniently. */
class ListPagingTest {

    @ParameterizedTest
    @ValueSource(strings = {"\u0665\u0660", "\uFF15\uFF10", "5 0", "0x32", "50.0", "1e2"})
    void aLimitInAnythingButAsciiDigitsIsRefused(String limit) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ListPaging.limit(limit, 100, 200));
        assertEquals("limit must be a whole number", refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1-1-1-1-1", "3f2504e0-4f89-11d3-9a0c-0305e82c330", "3f2504e0-4f89-11d3-9a0c0305e82c3301",
        "{3f2504e0-4f89-11d3-9a0c-0305e82c3301}"})
    void aPatientIdOnlyInItsCanonicalForm(String id) {
        assertThrows(IllegalArgumentException.class, () -> ConsentInput.patientId(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3f2504e0-4f89-11d3-9a0c-0305e82c3301", " 3F2504E0-4F89-11D3-9A0C-0305E82C3301 "})
    void aCanonicalPatientIdIsRead(String id) {
        assertEquals(UUID.fromString("3f2504e0-4f89-11d3-9a0c-0305e82c3301"), ConsentInput.patientId(id));
    }
}
