package org.custodia.access;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.custodia.audit.AuditedAction;
import org.custodia.kernel.StaffRole;

/**
 * Which roles may attempt each action: the one table of role rules. Physicians and nurses handle records;
 * privacy officers see metadata and the audit trail, never content; clerks register and find patients;
 * administrators manage accounts and see no patient data.
 */
final class Permissions {

    private static final Map<AuditedAction, Set<StaffRole>> ROLES = new EnumMap<>(AuditedAction.class);

    static {
        allow(AuditedAction.PATIENT_REGISTER, StaffRole.CLERK, StaffRole.PHYSICIAN, StaffRole.NURSE);
        allow(AuditedAction.PATIENT_FIND, StaffRole.CLERK, StaffRole.PHYSICIAN, StaffRole.NURSE,
                StaffRole.PRIVACY_OFFICER);
        allow(AuditedAction.RECORD_UPLOAD, StaffRole.PHYSICIAN, StaffRole.NURSE);
        allow(AuditedAction.RECORD_LIST, StaffRole.PHYSICIAN, StaffRole.NURSE, StaffRole.PRIVACY_OFFICER);
        allow(AuditedAction.RECORD_DETAILS, StaffRole.PHYSICIAN, StaffRole.NURSE, StaffRole.PRIVACY_OFFICER);
        allow(AuditedAction.RECORD_DOWNLOAD, StaffRole.PHYSICIAN, StaffRole.NURSE);
        allow(AuditedAction.STAFF_CREATE, StaffRole.ADMIN);
        allow(AuditedAction.STAFF_LIST, StaffRole.ADMIN);
        allow(AuditedAction.STAFF_READ, StaffRole.ADMIN);
        allow(AuditedAction.STAFF_ROLES_CHANGE, StaffRole.ADMIN);
        allow(AuditedAction.STAFF_DISABLE, StaffRole.ADMIN);
        allow(AuditedAction.STAFF_ENABLE, StaffRole.ADMIN);
        allow(AuditedAction.STAFF_PASSWORD_RESET, StaffRole.ADMIN);
        allow(AuditedAction.STAFF_PASSWORD_CHANGE, StaffRole.values());
        allow(AuditedAction.NODE_STATUS_READ, StaffRole.ADMIN);
        allow(AuditedAction.AUDIT_REVIEW, StaffRole.PRIVACY_OFFICER);
        allow(AuditedAction.AUDIT_VERIFY, StaffRole.PRIVACY_OFFICER);
        allow(AuditedAction.CHAIN_EVENTS_READ, StaffRole.PRIVACY_OFFICER, StaffRole.ADMIN);
        allow(AuditedAction.CONSORTIUM_MEMBERS_READ, StaffRole.values());
        allow(AuditedAction.CONSORTIUM_RECORDS_READ, StaffRole.PHYSICIAN, StaffRole.NURSE,
                StaffRole.PRIVACY_OFFICER);
        allow(AuditedAction.ACCESS_REQUEST_CREATE, StaffRole.PHYSICIAN, StaffRole.NURSE);
        allow(AuditedAction.ACCESS_REQUESTS_INCOMING_READ, StaffRole.PHYSICIAN, StaffRole.PRIVACY_OFFICER);
        allow(AuditedAction.ACCESS_REQUESTS_OUTGOING_READ, StaffRole.PHYSICIAN, StaffRole.NURSE,
                StaffRole.PRIVACY_OFFICER);
        allow(AuditedAction.ACCESS_REQUEST_APPROVE, StaffRole.PHYSICIAN, StaffRole.PRIVACY_OFFICER);
        allow(AuditedAction.ACCESS_REQUEST_DENY, StaffRole.PHYSICIAN, StaffRole.PRIVACY_OFFICER);
        allow(AuditedAction.GRANT_CREATE, StaffRole.PHYSICIAN, StaffRole.PRIVACY_OFFICER);
        allow(AuditedAction.GRANTS_READ, StaffRole.PHYSICIAN, StaffRole.PRIVACY_OFFICER);
        allow(AuditedAction.GRANT_REVOKE, StaffRole.PHYSICIAN, StaffRole.PRIVACY_OFFICER);
        allow(AuditedAction.EMERGENCY_ACCESS_DECLARE, StaffRole.PHYSICIAN);
        allow(AuditedAction.EMERGENCY_ACCESS_READ, StaffRole.PHYSICIAN, StaffRole.PRIVACY_OFFICER);
        allow(AuditedAction.EMERGENCY_ACCESS_REVIEW, StaffRole.PRIVACY_OFFICER);
        allow(AuditedAction.SHARED_RECORD_RETRIEVE, StaffRole.PHYSICIAN, StaffRole.NURSE);
        allow(AuditedAction.PROXY_STATUS_READ, StaffRole.ADMIN);
    }

    private Permissions() {
    }

    private static void allow(AuditedAction action, StaffRole... roles) {
        ROLES.put(action, EnumSet.of(roles[0], roles));
    }

    /** The roles that may attempt {@code action}; none for actions no staff member starts (e.g. sign-in). */
    static Set<StaffRole> rolesFor(AuditedAction action) {
        return ROLES.getOrDefault(action, Set.of());
    }
}
