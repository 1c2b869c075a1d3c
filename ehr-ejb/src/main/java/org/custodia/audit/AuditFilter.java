package org.custodia.audit;

import java.time.Instant;

/**
 * Which audit entries a review asks for; each criterion is optional (null or blank: any).
 *
 * @param actor   the acting account or node, exactly
 * @param action  an action's code ({@link AuditedAction#code()})
 * @param subject an entry's subject exactly, or the patient its detail names ({@link NamedPatient}): a patient id
 *                finds the entries about the patient and the uploads, reads and downloads of their records
 * @param from    entries at or after this instant
 * @param to      entries before this instant
 */
public record AuditFilter(String actor, String action, String subject, Instant from, Instant to) {

    public AuditFilter {
        actor = blankToNull(actor);
        action = blankToNull(action);
        subject = blankToNull(subject);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
