package org.custodia.ledger.api;

import java.io.Serializable;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.OptionalLong;

/** An event emitted by one of the access contracts, with its position on the chain. */
public sealed interface LedgerEvent extends Serializable {

    EventPosition position();

    /** The contract's event name, e.g. {@code RecordAnchored}. */
    default String name() {
        return getClass().getSimpleName();
    }

    record AdminTransferred(EventPosition position, LedgerAddress previousAdmin, LedgerAddress newAdmin)
            implements LedgerEvent {
    }

    record MemberAdded(EventPosition position, LedgerAddress account, MemberRole role, String displayName,
            URI endpoint, byte[] prePublicKey) implements LedgerEvent {

        @Override
        public byte[] prePublicKey() {
            return prePublicKey.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof MemberAdded that && position.equals(that.position)
                    && account.equals(that.account) && role == that.role && displayName.equals(that.displayName)
                    && endpoint.equals(that.endpoint) && Arrays.equals(prePublicKey, that.prePublicKey);
        }

        @Override
        public int hashCode() {
            return position.hashCode();
        }

        @Override
        public String toString() {
            return "MemberAdded[" + position + ", " + account + ", " + role + ", " + displayName + "]";
        }
    }

    record MemberUpdated(EventPosition position, LedgerAddress account, String displayName, URI endpoint,
            byte[] prePublicKey) implements LedgerEvent {

        @Override
        public byte[] prePublicKey() {
            return prePublicKey.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof MemberUpdated that && position.equals(that.position)
                    && account.equals(that.account) && displayName.equals(that.displayName)
                    && endpoint.equals(that.endpoint) && Arrays.equals(prePublicKey, that.prePublicKey);
        }

        @Override
        public int hashCode() {
            return position.hashCode();
        }

        @Override
        public String toString() {
            return "MemberUpdated[" + position + ", " + account + ", " + displayName + "]";
        }
    }

    record MemberRemoved(EventPosition position, LedgerAddress account) implements LedgerEvent {
    }

    record RecordAnchored(EventPosition position, LedgerAddress custodian, RecordAnchor anchor)
            implements LedgerEvent {
    }

    record ConsentGranted(EventPosition position, long grantId, AccessScope scope, LedgerAddress custodian,
            LedgerAddress grantee, String purpose, Instant expiresAt, OptionalLong requestId) implements LedgerEvent {
    }

    record ConsentRevoked(EventPosition position, long grantId, Bytes32 patientPseudonym, LedgerAddress grantee,
            LedgerAddress custodian) implements LedgerEvent {
    }

    record AccessRequested(EventPosition position, long requestId, AccessScope scope, LedgerAddress requester,
            LedgerAddress custodian, String purpose) implements LedgerEvent {
    }

    record AccessRequestApproved(EventPosition position, long requestId, long grantId, LedgerAddress requester)
            implements LedgerEvent {
    }

    record AccessRequestDenied(EventPosition position, long requestId, LedgerAddress requester,
            LedgerAddress custodian) implements LedgerEvent {
    }

    record EmergencyAccessDeclared(EventPosition position, long emergencyId, Bytes32 patientPseudonym,
            LedgerAddress requester, EmergencyReason reason, Instant expiresAt) implements LedgerEvent {
    }

    record EmergencyAccessReviewed(EventPosition position, long emergencyId, Bytes32 patientPseudonym,
            LedgerAddress reviewer) implements LedgerEvent {
    }

    record AccessLogged(EventPosition position, long logId, Bytes32 recordId, LedgerAddress accessor,
            LedgerAddress proxy, Bytes32 patientPseudonym, AccessBasis basis) implements LedgerEvent {
    }

    /** A member anchored the head of its own audit trail ({@link LedgerConnection#anchorAuditHead}). */
    record AuditHeadAnchored(EventPosition position, LedgerAddress member, AuditHead head) implements LedgerEvent {
    }
}
