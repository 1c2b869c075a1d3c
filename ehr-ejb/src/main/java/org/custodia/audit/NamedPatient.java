package org.custodia.audit;

import java.util.UUID;

/**
 * The patient an audit entry names in its detail, kept beside the entry and indexed, so that a review by patient id
 * finds the entries that name the patient (a record's upload, read or download) without reading every detail of the trail. An entry
 * names a patient when its detail begins with {@code patient <id>}; the value is derived from the detail alone, so
 * the trail's check ({@link AuditTrail#verify}) finds one changed or erased in the database.
 */
public final class NamedPatient {

    private static final String PREFIX = "patient ";
    private static final int ID_LENGTH = 36;

    private NamedPatient() {
    }

    /** A detail that names {@code patientId}, followed by {@code rest}. */
    public static String detail(UUID patientId, String rest) {
        return PREFIX + patientId + ", " + rest;
    }

    /** Whether an entry could name {@code subject} as its patient: only text of a patient id's shape can. */
    static boolean couldName(String subject) {
        return subject != null && subject.equals(in(PREFIX + subject));
    }

    /**
     * The patient id {@code detail} names, or null. Reads what the schema's migration reads for the entries written
     * before the value was kept ({@code V35}: {@code detail like 'patient ________-____-____-____-____________%'}):
     * the two must agree on every detail, or the check would report entries that nobody changed.
     */
    static String in(String detail) {
        if (detail == null || detail.length() < PREFIX.length() + ID_LENGTH || !detail.startsWith(PREFIX)) {
            return null;
        }
        String id = detail.substring(PREFIX.length(), PREFIX.length() + ID_LENGTH);
        return id.charAt(8) == '-' && id.charAt(13) == '-' && id.charAt(18) == '-' && id.charAt(23) == '-' ? id : null;
    }
}
