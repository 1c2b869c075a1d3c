package org.custodia.audit;

import java.time.Instant;

/**
 * Which audit entries a review asks for; each criterion is optional (null or blank: any).
 *
 * @param actor   the acting account or node, exactly
 * @param action  an action's code ({@link AuditedAction#code()})
 * @param subject an entry's subject exactly, or, from {@value #MENTION_MIN_LENGTH} characters on, an identifier its
 *                detail names (a patient id finds the entries about the patient and the records uploaded for them)
 * @param from    entries at or after this instant
 * @param to      entries before this instant
 */
public record AuditFilter(String actor, String action, String subject, Instant from, Instant to) {

    /** A subject this long or longer also matches entries whose detail names it (shorter ones would match noise). */
    public static final int MENTION_MIN_LENGTH = 8;

    public AuditFilter {
        actor = blankToNull(actor);
        action = blankToNull(action);
        subject = blankToNull(subject);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
