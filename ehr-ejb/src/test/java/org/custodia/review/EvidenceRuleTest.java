package org.custodia.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;

import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditRecord;
import org.custodia.audit.AuditedAction;
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

    private static AuditRecord entry(AuditedAction action, String subject, AuditOutcome outcome) {
        return new AuditRecord(UUID.randomUUID(), Instant.now(), "p.phys", action.code(), subject, outcome, null);
    }
}
