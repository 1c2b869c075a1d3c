package org.custodia.patients;

import java.time.Instant;
import java.util.UUID;

/**
 * A registered patient as staff see it, demographics opened. PHI: never log it ({@code toString} is redacted).
 *
 * @param pseudonym the consortium pseudonym, the only identifier that reaches the chain
 */
public record PatientDetails(UUID id, String mrn, Pseudonym pseudonym, Demographics demographics,
        Instant registeredAt, String registeredBy) {

    @Override
    public String toString() {
        return "PatientDetails[" + id + ", redacted]";
    }
}
