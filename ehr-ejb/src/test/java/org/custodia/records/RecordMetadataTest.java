package org.custodia.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RecordMetadataTest {

    @Test
    void normalisesWhatTheChainWillCarry() {
        RecordMetadata metadata = new RecordMetadata(" Laboratory ", " Blood count ", "text/plain; charset=UTF-8");
        assertEquals("laboratory", metadata.category());
        assertEquals("Blood count", metadata.title());
        assertEquals("text/plain; charset=UTF-8", metadata.contentType());
        assertEquals("text/plain", metadata.mediaType(), "parameters stay on the node");
        assertEquals("application/pdf", new RecordMetadata("imaging", "t",
                "Application/PDF; name=\"Roe_HIV.pdf\"").mediaType(), "a file name never reaches the chain");
    }

    @Test
    void refusesWhatTheChainCannotTake() {
        assertThrows(IllegalArgumentException.class, () -> new RecordMetadata("lab results", "t", "text/plain"));
        assertThrows(IllegalArgumentException.class, () -> new RecordMetadata("secret-diagnosis", "t", "text/plain"),
                "only the consortium's category codes");
        assertThrows(IllegalArgumentException.class, () -> new RecordMetadata("laboratory", "t", "application/+json"),
                "a media type the chain would refuse is refused at upload, not left pending in the outbox");
        assertThrows(IllegalArgumentException.class, () -> new RecordMetadata("x".repeat(33), "t", "text/plain"));
        assertThrows(IllegalArgumentException.class, () -> new RecordMetadata("laboratory", "t", "text/plain; name=résumé"));
        assertThrows(IllegalArgumentException.class, () -> new RecordMetadata("laboratory", "t", null));
        assertThrows(IllegalArgumentException.class, () -> new RecordMetadata("laboratory", " ", "text/plain"));
    }

    /** Whatever media type the record registry takes is a record's content type here too (its 128 characters). */
    @Test
    void anyMediaTypeTheChainTakesIsAccepted() {
        String longSubtype = "application/" + "x".repeat(64);
        assertEquals(longSubtype, new RecordMetadata("imaging", "Scan", longSubtype).mediaType());
        String longest = "a/" + "b".repeat(126);
        assertEquals(longest, new RecordMetadata("imaging", "Scan", longest).mediaType());
        assertThrows(IllegalArgumentException.class, () -> new RecordMetadata("imaging", "Scan", longest + "c"));
    }

    /**
     * Parameters as a Content-Type header carries them, or refused: a record stored as {@code application/pdf; x}
     * could not be sent back (the REST download answered 400, after the download was audited).
     */
    @Test
    void parametersAreNameValuePairsAsAHeaderCarriesThem() {
        for (String served : new String[] {"text/plain;charset=utf-8", "text/plain ; charset=utf-8 ; format=flowed",
                "application/pdf; name=\"a \\\"quoted\\\" name; really.pdf\""}) {
            assertEquals(served, new RecordMetadata("laboratory", "t", served).contentType());
        }
        for (String refused : new String[] {"application/pdf; x", "text/plain;", "text/plain; charset=",
                "text/plain; =utf-8", "text/plain; charset=\"open", "text/plain; a=b c", "text/plain; a=b;;"}) {
            assertThrows(IllegalArgumentException.class, () -> new RecordMetadata("laboratory", "t", refused),
                    refused);
        }
    }
}
