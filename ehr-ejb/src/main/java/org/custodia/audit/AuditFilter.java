package org.custodia.audit;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.custodia.kernel.TextField;

/**
 * Which audit entries a review asks for; each criterion is optional (null or blank: any).
 *
 * @param actor   the acting account or node, exactly
 * @param action  an action's code ({@link AuditedAction#code()})
 * @param subject an entry's subject ({@link #subjects()}: a record id, a patient id or an address in any case), or
 *                the patient its detail names ({@link NamedPatient}): a patient id finds the entries about the
 *                patient and the uploads, reads and downloads of their records
 * @param from    entries at or after this instant, in the years 1 to 9999
 * @param to      entries before this instant, likewise
 */
public record AuditFilter(String actor, String action, String subject, Instant from, Instant to) {

    private static final Pattern RECORD_ID = Pattern.compile("(0[xX])?[0-9a-fA-F]{64}");
    private static final Pattern PATIENT_ID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern ADDRESS = Pattern.compile("0[xX][0-9a-fA-F]{40}");
    /**
     * The instants a criterion may name: what every database the node runs on can compare ({@code Instant.parse}
     * reads {@code +999999999-01-01T00:00:00Z}; PostgreSQL's timestamps end in the year 294276).
     */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    public AuditFilter {
        actor = criterion(actor, "actor");
        action = criterion(action, "action");
        subject = criterion(subject, "subject");
        requireWithinYears(from, "from");
        requireWithinYears(to, "to");
    }

    private static void requireWithinYears(Instant instant, String name) {
        if (instant != null && (instant.isBefore(EARLIEST) || instant.isAfter(LATEST))) {
            throw new IllegalArgumentException(name + " must lie in the years 1 to 9999");
        }
    }

    /**
     * The subjects an entry sought by {@link #subject()} may hold: the text given, and the same id as entries are
     * written now when it is one (see {@link #canonical}); empty without a subject. Entries written before every
     * channel wrote ids canonically hold them as sent, so the text given is sought too.
     */
    public List<String> subjects() {
        if (subject == null) {
            return List.of();
        }
        String canonical = canonical(subject);
        return canonical.equals(subject) ? List.of(subject) : List.of(subject, canonical);
    }

    /**
     * {@code text} stripped, null when blank. An entry never holds a control character (it is written
     * {@link TextField#fitted}), and PostgreSQL refused a NUL in the query: refused here.
     */
    private static String criterion(String text, String name) {
        return text == null || text.isBlank() ? null : TextField.required(text, name + " criterion",
                Integer.MAX_VALUE);
    }

    /**
     * A subject as entries hold it: a record id (64 hex digits, with or without {@code 0x}, as the chain events show
     * it), a patient id or a ledger address ({@code 0x} and 40 hex digits) in lower case, a record id without
     * {@code 0x}. Any other text as given. Sought only as pasted, they found nothing, and the review read as "no
     * access".
     */
    private static String canonical(String subject) {
        if (RECORD_ID.matcher(subject).matches()) {
            return subject.substring(subject.length() - 64).toLowerCase(Locale.ROOT);
        }
        if (PATIENT_ID.matcher(subject).matches() || ADDRESS.matcher(subject).matches()) {
            return subject.toLowerCase(Locale.ROOT);
        }
        return subject;
    }
}
