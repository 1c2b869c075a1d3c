package org.custodia.ledger.journal;

import org.custodia.ledger.api.LedgerEvent;
import org.custodia.ledger.api.LedgerEvent.AccessLogged;
import org.custodia.ledger.api.LedgerEvent.AccessRequestApproved;
import org.custodia.ledger.api.LedgerEvent.AccessRequestDenied;
import org.custodia.ledger.api.LedgerEvent.AccessRequested;
import org.custodia.ledger.api.LedgerEvent.AdminTransferred;
import org.custodia.ledger.api.LedgerEvent.AuditHeadAnchored;
import org.custodia.ledger.api.LedgerEvent.ConsentGranted;
import org.custodia.ledger.api.LedgerEvent.ConsentRevoked;
import org.custodia.ledger.api.LedgerEvent.EmergencyAccessDeclared;
import org.custodia.ledger.api.LedgerEvent.EmergencyAccessReviewed;
import org.custodia.ledger.api.LedgerEvent.MemberAdded;
import org.custodia.ledger.api.LedgerEvent.MemberRemoved;
import org.custodia.ledger.api.LedgerEvent.MemberUpdated;
import org.custodia.ledger.api.LedgerEvent.RecordAnchored;

/**
 * What the journal keeps of an event beyond its position: who caused it (if it says), whom else it names where the
 * audit page needs it (the accessor of an {@code AccessLogged}), and what it is about.
 */
record ChainEventDescription(String actor, String counterpart, String subject) {

    /** @throws IllegalArgumentException for an event type this journal does not know yet */
    static ChainEventDescription of(LedgerEvent event) {
        if (event instanceof AdminTransferred e) {
            return describe(e.previousAdmin(), e.newAdmin());
        } else if (event instanceof MemberAdded e) {
            return describe(null, e.account());
        } else if (event instanceof MemberUpdated e) {
            return describe(null, e.account());
        } else if (event instanceof MemberRemoved e) {
            return describe(null, e.account());
        } else if (event instanceof RecordAnchored e) {
            return describe(e.custodian(), e.anchor().recordId());
        } else if (event instanceof ConsentGranted e) {
            return describe(e.custodian(), "grant " + e.grantId());
        } else if (event instanceof ConsentRevoked e) {
            return describe(e.custodian(), "grant " + e.grantId());
        } else if (event instanceof AccessRequested e) {
            return describe(e.requester(), "request " + e.requestId());
        } else if (event instanceof AccessRequestApproved e) {
            return describe(null, "request " + e.requestId());
        } else if (event instanceof AccessRequestDenied e) {
            return describe(e.custodian(), "request " + e.requestId());
        } else if (event instanceof EmergencyAccessDeclared e) {
            return describe(e.requester(), "emergency " + e.emergencyId());
        } else if (event instanceof EmergencyAccessReviewed e) {
            return describe(e.reviewer(), "emergency " + e.emergencyId());
        } else if (event instanceof AccessLogged e) {
            return new ChainEventDescription(e.proxy().toString(), e.accessor().toString(), e.recordId().toString());
        } else if (event instanceof AuditHeadAnchored e) {
            return describe(e.member(), "audit head " + e.head().sequence() + " " + e.head().entryHash());
        }
        throw new IllegalArgumentException("no description for ledger event " + event.name());
    }

    private static ChainEventDescription describe(Object actor, Object subject) {
        return new ChainEventDescription(actor == null ? null : actor.toString(), null, subject.toString());
    }
}
