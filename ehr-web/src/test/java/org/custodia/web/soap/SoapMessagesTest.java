package org.custodia.web.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.custodia.patients.Demographics;
import org.custodia.patients.PatientDetails;
import org.custodia.patients.Pseudonym;
import org.custodia.sharing.Direction;
import org.custodia.sharing.GrantDetails;
import org.custodia.sharing.ScopeDetails;
import org.custodia.web.soap.contract.Grant;
import org.custodia.web.soap.contract.Patient;
import org.junit.jupiter.api.Test;

/**
 * Text the node did not check as one line reaches SOAP answers as XML 1.0 can carry it: a purpose another member
 * wrote on chain, demographics registered before they were checked. Before, such text made the answer fail to be
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
    void oneLineTextIsAnsweredAsItIs() {
        String oneLine = "continuity-of-care, Zo\u00eb \u540d\u524d \uD83D\uDE00";
        assertEquals(oneLine, SoapMessages.xmlText(oneLine));
    }
}
