package org.custodia.ledger.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.OptionalLong;

/** A hospital's request for access to a custodian's records, and how it was answered. */
public record AccessRequest(long id, AccessScope scope, LedgerAddress requester, LedgerAddress custodian,
        String purpose, Instant requestedAt, Status status, OptionalLong grantId) implements Serializable {

    /** The request states, with the codes the consent registry stores. */
    public enum Status {
        PENDING(1),
        APPROVED(2),
        DENIED(3);

        private final int code;

        Status(int code) {
            this.code = code;
        }

        public static Status ofCode(int code) {
            for (Status status : values()) {
                if (status.code == code) {
                    return status;
                }
            }
            throw new IllegalArgumentException("no access request status has code " + code);
        }
    }
}
