package org.custodia.audit;

import java.util.Arrays;

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
    /** The staff accounts, as administrators list them. */
    STAFF_LIST("staff.list"),
    /** One staff account, as an administrator reads it. */
    STAFF_READ("staff.read"),
    /** An administrator changed an account's roles (subject the account, detail the new roles). */
    STAFF_ROLES_CHANGE("staff.roles.change"),
    /** An administrator disabled an account: it can no longer sign in, and its open sessions end. */
    STAFF_DISABLE("staff.disable"),
    STAFF_ENABLE("staff.enable"),
    /** An administrator set a new password, which its owner must change at the next sign-in. */
    STAFF_PASSWORD_RESET("staff.password.reset"),
    /** A staff member changed their own password. */
    STAFF_PASSWORD_CHANGE("staff.password.change"),
    /** A sign-in, succeeded (through the sign-in page: API calls authenticate on every request) or refused. */
    STAFF_SIGN_IN("staff.sign-in"),
    /** The node's own state: its dependencies and, on a hospital, the reachability of the other members. */
    NODE_STATUS_READ("node.status.read"),
    AUDIT_REVIEW("audit.review"),
    /** A privacy officer checked the audit trail's hash chain (detail what the check found). */
    AUDIT_VERIFY("audit.verify"),
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
    NODE_CALL_REFUSED("node-call.refused"),
    /** A request to another hospital for access to its records of one of this node's patients (subject the patient). */
    ACCESS_REQUEST_CREATE("access-request.create"),
    /** The access requests other hospitals addressed to this node. */
    ACCESS_REQUESTS_INCOMING_READ("access-requests.incoming.read"),
    /** The access requests this node sent. */
    ACCESS_REQUESTS_OUTGOING_READ("access-requests.outgoing.read"),
    /** This node, as custodian, approved a request (subject the request id). */
    ACCESS_REQUEST_APPROVE("access-request.approve"),
    /** This node, as custodian, denied a request (subject the request id). */
    ACCESS_REQUEST_DENY("access-request.deny"),
    /** This node, as custodian, granted another hospital access (subject the patient). */
    GRANT_CREATE("grant.create"),
    /** The grants this node issued for a patient (subject the patient). */
    GRANTS_READ("grants.read"),
    /** This node revoked a grant it issued (subject the grant id). */
    GRANT_REVOKE("grant.revoke"),
    /** Break-glass access to all records of a patient, declared by this node (subject the patient). */
    EMERGENCY_ACCESS_DECLARE("emergency-access.declare"),
    /** The emergency declarations concerning this node's patients. */
    EMERGENCY_ACCESS_READ("emergency-access.read"),
    /** This node, as a custodian other than the declarer, marked a declaration reviewed (subject its id). */
    EMERGENCY_ACCESS_REVIEW("emergency-access.review"),
    /** A record shared by another hospital fetched through a proxy and kept here (subject the record id). */
    SHARED_RECORD_RETRIEVE("shared-record.retrieve"),
    /**
     * A proxy logged on chain a retrieval's access for this hospital, before this node received or kept anything
     * (actor the staff member who retrieves, subject the record id, detail the proxy and its transaction): written as
     * soon as the log is confirmed, so that the chain's log has its entry even when the retrieval then fails or the
     * node stops.
     */
    SHARED_RECORD_ACCESS_LOGGED("shared-record.access-logged"),
    /** This node, as custodian, released a stored envelope to a proxy for an accessor (actor the proxy). */
    ENVELOPE_RELEASE("node-call.envelope.release"),
    /** This node, as custodian, told a hospital with access a record's title and dates (actor the hospital). */
    RECORD_METADATA_RELEASE("node-call.record-metadata.release"),
    /** This hospital delivered a re-encryption key for one of its patients to a proxy (subject patient, grantee). */
    RE_KEY_ISSUE("re-key.issue"),
    /** This hospital withdrew a re-encryption key from a proxy. */
    RE_KEY_WITHDRAW("re-key.withdraw"),
    /** This proxy stored a re-encryption key a custodian delivered (actor the custodian). */
    PROXY_RE_KEY_STORE("proxy.re-key.store"),
    /** This proxy deleted a re-encryption key at its custodian's request (actor the custodian). */
    PROXY_RE_KEY_DELETE("proxy.re-key.delete"),
    /** This proxy re-encrypted a record for a hospital, or refused to (actor the hospital, subject the record). */
    PROXY_RE_ENCRYPTION("proxy.re-encryption"),
    /** The proxy's counters: re-keys held, re-encryptions served, refusals. */
    PROXY_STATUS_READ("proxy.status.read");

    private final String code;

    AuditedAction(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Whether {@code code} is the code of an action the trail records. */
    public static boolean isCode(String code) {
        return Arrays.stream(values()).anyMatch(action -> action.code.equals(code));
    }
}
