package org.custodia.audit;

/**
 * Every action the audit trail records. The {@link #code()} is what the trail stores and shows; it never changes
 * for an action once released.
 */
public enum AuditedAction {
    PATIENT_REGISTER("patient.register"),
    PATIENT_FIND("patient.find"),
    RECORD_UPLOAD("record.upload"),
    RECORD_LIST("record.list"),
    RECORD_DETAILS("record.details"),
    RECORD_DOWNLOAD("record.download"),
    STAFF_CREATE("staff.create"),
    STAFF_SIGN_IN("staff.sign-in"),
    AUDIT_REVIEW("audit.review"),
    CHAIN_EVENTS_READ("chain-events.read"),
    /** The consortium's members as registered on chain. */
    CONSORTIUM_MEMBERS_READ("consortium.members.read"),
    /** The records anchored on chain for one patient, by any hospital (subject the patient id). */
    CONSORTIUM_RECORDS_READ("consortium.records.read"),
    /** A caller's roles did not allow the action it asked for (the detail names that action). */
    ACCESS_DENIED("access.denied"),
    /**
     * Another node's call was refused: unsigned, forged, stale, replayed, or not from a member in the endpoint's role
     * (actor the address the call claims, subject its method and path, detail the reason).
     */
    NODE_CALL_REFUSED("node-call.refused");

    private final String code;

    AuditedAction(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
