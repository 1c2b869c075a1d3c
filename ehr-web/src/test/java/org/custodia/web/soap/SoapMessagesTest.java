package org.custodia.web.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.xml.ws.WebServiceException;

import org.custodia.patients.Demographics;
import org.custodia.patients.PatientDetails;
import org.custodia.patients.Pseudonym;
import org.custodia.records.AnchorStatus;
import org.custodia.records.RecordDetails;
import org.custodia.sharing.Direction;
import org.custodia.sharing.GrantDetails;
import org.custodia.sharing.ScopeDetails;
import org.custodia.web.soap.contract.Grant;
import org.custodia.web.soap.contract.Patient;
import org.custodia.web.soap.contract.Record;
import org.junit.jupiter.api.Test;

/**
 * Text the node did not check as one line reaches SOAP answers as XML 1.0 can carry it: a purpose another member
 * wrote on chain, demographics or a title stored before they were checked. Before, such text made the answer fail to be
 * written, whatever else it held.
 */
class SoapMessagesTest {

    @Test
    void aPurposeWithAControlCharacterIsAnsweredWithAReplacementCharacter() {
        Grant grant = SoapMessages.grant(new GrantDetails(7, Direction.INCOMING, null, "0x" + "a1".repeat(20),
                "0x" + "b2".repeat(20), new ScopeDetails("all", null, null), "treat\u0001ment\u0007\uFFFF",
                Instant.parse("2027-01-01T00:00:00Z"), Instant.parse("2027-02-01T00:00:00Z"), null, "active", null,
                null));

        assertEquals("treat\uFFFDment\uFFFD\uFFFD", grant.getPurpose());
    }

    @Test
    void demographicsWithAControlCharacterAreAnsweredWithAReplacementCharacter() {
        Patient patient = SoapMessages.patient(new PatientDetails(UUID.randomUUID(), "MRN-1",
                new Pseudonym("d4".repeat(32)), new Demographics("Doe\u0001", "Ja\u0000ne", LocalDate.of(1980, 1, 2),
                        "AB\u001b1"), Instant.parse("2027-01-01T00:00:00Z"), "clerk"));

        assertEquals("Doe\uFFFD", patient.getFamilyName());
        assertEquals("Ja\uFFFDne", patient.getGivenName());
        assertEquals("AB\uFFFD1", patient.getNationalId());
    }

    @Test
    void aTitleStoredWithANonCharacterIsAnsweredWithAReplacementCharacter() {
        Record record = SoapMessages.record(new RecordDetails("ab".repeat(32), UUID.randomUUID(), "laboratory",
                "Blood\uFFFFcount", "text/plain", 4, "cd".repeat(32), AnchorStatus.ANCHORED, null, null, null,
                Instant.parse("2027-01-01T00:00:00Z"), "physician", null));

        assertEquals("Blood\uFFFDcount", record.getTitle());
    }

    @Test
    void aBirthDateBeforeTheYearOneIsTheNodesFaultAndNotQuoted() {
        UUID id = UUID.randomUUID();
        PatientDetails legacy = new PatientDetails(id, "MRN-1", new Pseudonym("d4".repeat(32)),
                new Demographics("Doe", "Jane", LocalDate.of(0, 1, 1), "AB1"), Instant.parse("2027-01-01T00:00:00Z"),
                "clerk");

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> SoapMessages.patient(legacy));
        assertTrue(failure.getMessage().contains(id.toString()), failure.getMessage());
        assertFalse(failure.getMessage().contains("0000"), "no birth date in the log");
        assertInstanceOf(WebServiceException.class, SoapFaults.of(failure), "a server fault, not invalidRequest");
    }

    @Test
    void oneLineTextIsAnsweredAsItIs() {
        String oneLine = "continuity-of-care, Zo\u00eb \u540d\u524d \uD83D\uDE00";
        assertEquals(oneLine, SoapMessages.xmlText(oneLine));
    }
}
