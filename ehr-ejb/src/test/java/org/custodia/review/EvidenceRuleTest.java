package org.custodia.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditRecord;
import org.custodia.audit.AuditedAction;
import org.custodia.ledger.journal.EventQuery;
import org.junit.jupiter.api.Test;

class EvidenceRuleTest {

    private static final String RECORD = "ab".repeat(32);

    @Test
    void anUploadIsFoundAsTheRecordsAnchorUnderTheChainsSpellingOfItsId() {
        EvidenceRule rule = EvidenceRule.of(entry(AuditedAction.RECORD_UPLOAD, RECORD, AuditOutcome.SUCCEEDED))
                .orElseThrow();
        assertEquals("RecordAnchored", rule.event());
        assertEquals("0x" + RECORD, rule.chainSubject().apply(RECORD));
        assertEquals("0x" + RECORD, rule.chainSubject().apply("0x" + RECORD.toUpperCase()));
        assertTrue(rule.causedByThisNode());
    }

    @Test
    void consentActsAreFoundUnderTheJournalsSubjects() {
        assertEquals("grant 7", EvidenceRule.of(entry(AuditedAction.GRANT_REVOKE, "7", AuditOutcome.SUCCEEDED))
                .orElseThrow().chainSubject().apply("7"));
        assertEquals("request 3", EvidenceRule.of(entry(AuditedAction.ACCESS_REQUEST_DENY, "3",
                AuditOutcome.SUCCEEDED)).orElseThrow().chainSubject().apply("3"));
        assertEquals("emergency 2", EvidenceRule.of(entry(AuditedAction.EMERGENCY_ACCESS_REVIEW, "2",
                AuditOutcome.SUCCEEDED)).orElseThrow().chainSubject().apply("2"));
        EvidenceRule retrieval = EvidenceRule.of(entry(AuditedAction.SHARED_RECORD_RETRIEVE, RECORD,
                AuditOutcome.SUCCEEDED)).orElseThrow();
        assertEquals("AccessLogged", retrieval.event());
        assertFalse(retrieval.causedByThisNode(), "the proxy, not the retrieving hospital, logs the access");
    }

    @Test
    void aConsentActWhoseOutcomeTheNodeDoesNotKnowIsLookedForOnChain() {
        EvidenceRule revocation = EvidenceRule.of(entry(AuditedAction.GRANT_REVOKE, "7", AuditOutcome.UNKNOWN))
                .orElseThrow();
        assertEquals("ConsentRevoked", revocation.event());
        assertEquals("grant 7", revocation.chainSubject().apply("7"));
    }

    @Test
    void refusalsReadsAndLocalActsLeaveNothingOnChain() {
        assertTrue(EvidenceRule.of(entry(AuditedAction.RECORD_UPLOAD, RECORD, AuditOutcome.REFUSED)).isEmpty());
        assertTrue(EvidenceRule.of(entry(AuditedAction.RECORD_UPLOAD, RECORD, AuditOutcome.FAILED)).isEmpty());
        assertTrue(EvidenceRule.of(entry(AuditedAction.RECORD_DOWNLOAD, RECORD, AuditOutcome.SUCCEEDED)).isEmpty());
        assertTrue(EvidenceRule.of(entry(AuditedAction.STAFF_DISABLE, "n.nurse", AuditOutcome.SUCCEEDED)).isEmpty());
        assertTrue(EvidenceRule.of(entry(AuditedAction.GRANT_REVOKE, null, AuditOutcome.SUCCEEDED)).isEmpty());
    }

    /**
     * An access log is evidence of this node's own access only: at a hospital, the event naming it as accessor; at a
     * proxy, the event it logged for the entry's hospital; in the transaction the entry names, when it names one.
     * (The first access logged for the record, whoever made it, was shown as the evidence.)
     */
    @Test
    void anAccessIsLookedForAsThisNodesOwnInTheTransactionTheEntryNames() {
        String self = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
        String hospital = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
        String transaction = "0x" + "7a".repeat(32);
        AuditRecord retrieval = new AuditRecord(UUID.randomUUID(), Instant.now(), "p.phys",
                AuditedAction.SHARED_RECORD_ACCESS_LOGGED.code(), RECORD, AuditOutcome.SUCCEEDED,
                "proxy Proxy logged the access in " + transaction + "; basis grant 1");
        assertEquals(new EventQuery("AccessLogged", "0x" + RECORD, transaction, null, self),
                EvidenceRule.of(retrieval).orElseThrow().queryFor(retrieval, Optional.of(self)));

        AuditRecord reEncryption = new AuditRecord(UUID.randomUUID(), Instant.now(), hospital,
                AuditedAction.PROXY_RE_ENCRYPTION.code(), RECORD, AuditOutcome.UNKNOWN, "access log on chain, then "
                        + "re-encryption of the envelope from custodian " + self + "; outcome not known");
        assertEquals(new EventQuery("AccessLogged", "0x" + RECORD, null, self, hospital),
                EvidenceRule.of(reEncryption).orElseThrow().queryFor(reEncryption, Optional.of(self)),
                "a custodian's address is no transaction");
        AuditRecord unconfirmed = new AuditRecord(UUID.randomUUID(), Instant.now(), "p.phys",
                AuditedAction.SHARED_RECORD_ACCESS_LOGGED.code(), RECORD, AuditOutcome.UNKNOWN, "no proxy served the "
                        + "record; Proxy may have logged it: proxy Proxy refused: record 0x" + RECORD + " expired");
        assertEquals(new EventQuery("AccessLogged", "0x" + RECORD, null, null, self),
                EvidenceRule.of(unconfirmed).orElseThrow().queryFor(unconfirmed, Optional.of(self)),
                "a record id quoted in a refusal is no transaction");

        AuditRecord upload = entry(AuditedAction.RECORD_UPLOAD, RECORD, AuditOutcome.SUCCEEDED);
        assertEquals(new EventQuery("RecordAnchored", "0x" + RECORD, null, null, null),
                EvidenceRule.of(upload).orElseThrow().queryFor(upload, Optional.empty()),
                "nothing compared with this node's account when it is not known");
    }

    private static AuditRecord entry(AuditedAction action, String subject, AuditOutcome outcome) {
        return new AuditRecord(UUID.randomUUID(), Instant.now(), "p.phys", action.code(), subject, outcome, null);
    }
}
