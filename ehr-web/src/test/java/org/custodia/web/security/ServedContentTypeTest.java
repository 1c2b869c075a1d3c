package org.custodia.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServedContentTypeTest {

    @ParameterizedTest
    @ValueSource(strings = {"text/html", "TEXT/HTML; charset=utf-8", "application/xhtml+xml", "image/svg+xml",
        "text/xml", "application/xml", "application/fhir+xml", "application/javascript", "text/javascript", "",
        "text/plain;,text/html", "image/png; x=\",text/html\"", "text/x-javascript", "text/jscript",
        "text/livescript", "text/javascript1.5", "application/x-ecmascript", "text/css; charset=utf-8"})
    void typesABrowserWouldRunAreServedOpaque(String declared) {
        assertEquals("application/octet-stream", ServedContentType.of(declared));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/pdf", "image/png", "text/plain; charset=utf-8", "application/fhir+json",
        "application/dicom", "text/csv"})
    void otherTypesAreServedAsDeclared(String declared) {
        assertEquals(declared, ServedContentType.of(declared));
    }

    /** Stored before parameters were checked: served as the bare type, which a header can carry. */
    @ParameterizedTest
    @ValueSource(strings = {"application/pdf; x", "application/pdf;", "application/pdf; name=\"open"})
    void aStoredTypeWithMalformedParametersIsServedBare(String declared) {
        assertEquals("application/pdf", ServedContentType.of(declared));
    }
}
