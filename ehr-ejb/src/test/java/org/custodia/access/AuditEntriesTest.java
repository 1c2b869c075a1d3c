package org.custodia.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditRecord;
import org.custodia.audit.AuditTrail;
import org.custodia.audit.AuditedAction;
import org.custodia.kernel.StaffRole;
import org.junit.jupiter.api.Test;

/**
 * Where an audited call's entry goes, also when the action settles it with its result, against a transaction
 * registry and an audit trail standing in for the container's (the in-container test of the same, with Payara's
 * transactions, is in {@code InContainerIT}; an upload's settled entry refused by the database is in
 * {@code DatabaseOutageScenarios}).
 */
class AuditEntriesTest {

    private static final Actor PHYSICIAN = new Actor("d.ross", Set.of(StaffRole.PHYSICIAN));

    private final Transactions transactions = new Transactions();
    private final Trail trail = new Trail();
    private final AuditEntries entries = new AuditEntries(trail, transactions);

    @Test
    void aSucceededActionInATransactionIsAuditedInItAndNothingFollowsItsCommit() {
        transactions.status = Status.STATUS_ACTIVE;
        entries.write("d.ross", AuditedAction.RECORD_DETAILS, "r-1", AuditOutcome.SUCCEEDED, null);
        assertEquals(List.of("caller's: d.ross record.details r-1 SUCCEEDED null"), trail.written);

        transactions.complete(Status.STATUS_COMMITTED);
        assertEquals(1, trail.written.size(), "the entry committed with the action");
    }

    @Test
    void aSucceededActionWhoseTransactionRollsBackIsAuditedAsFailedInATransactionOfItsOwn() {
        transactions.status = Status.STATUS_ACTIVE;
        entries.write("d.ross", AuditedAction.PATIENT_REGISTER, "p-1", AuditOutcome.SUCCEEDED, "registered");
        transactions.complete(Status.STATUS_ROLLEDBACK);
        assertEquals(List.of("caller's: d.ross patient.register p-1 SUCCEEDED registered",
                "own: d.ross patient.register p-1 FAILED " + AuditEntries.ROLLED_BACK), trail.written);
    }

    @Test
    void anOutcomeNotKnownToHaveCommittedIsAuditedAsFailedWithItsStatus() {
        transactions.status = Status.STATUS_ACTIVE;
        entries.write("d.ross", AuditedAction.STAFF_DISABLE, "n.kim", AuditOutcome.SUCCEEDED, null);
        transactions.complete(Status.STATUS_UNKNOWN);
        assertTrue(trail.written.get(1).startsWith("own: d.ross staff.disable n.kim FAILED not known to be completed"),
                trail.written.toString());
    }

    @Test
    void theRollbackIsAuditedEvenWhenTheEntrysOwnInsertFails() {
        transactions.status = Status.STATUS_ACTIVE;
        trail.failInCallersTransaction = true;
        assertThrows(IllegalStateException.class,
                () -> entries.write("d.ross", AuditedAction.RECORD_LIST, "p-1", AuditOutcome.SUCCEEDED, null));
        transactions.complete(Status.STATUS_ROLLEDBACK);
        assertEquals(List.of("own: d.ross record.list p-1 FAILED " + AuditEntries.ROLLED_BACK), trail.written);
    }

    @Test
    void anEntryThatCannotBeWrittenAfterARollbackIsLoggedNotThrownIntoTheTransactionManager() {
        transactions.status = Status.STATUS_ACTIVE;
        entries.write("d.ross", AuditedAction.RECORD_DETAILS, "r-1", AuditOutcome.SUCCEEDED, null);
        trail.failInOwnTransaction = true;
        transactions.complete(Status.STATUS_ROLLEDBACK);
        assertEquals(1, trail.written.size());
    }

    @Test
    void refusedAndFailedActionsAreAuditedAtOnceInTransactionsOfTheirOwn() {
        transactions.status = Status.STATUS_ACTIVE;
        entries.write("d.ross", AuditedAction.RECORD_DETAILS, "r-1", AuditOutcome.REFUSED, "no such record");
        entries.write("d.ross", AuditedAction.RECORD_DETAILS, "r-2", AuditOutcome.FAILED, "failed: timeout");
        assertEquals(List.of("own: d.ross record.details r-1 REFUSED no such record",
                "own: d.ross record.details r-2 FAILED failed: timeout"), trail.written);
        assertNull(transactions.synchronization, "their own transactions commit whatever the action's does");
    }

    @Test
    void aSucceededActionOutsideATransactionIsAuditedInATransactionOfItsOwn() {
        transactions.status = Status.STATUS_NO_TRANSACTION;
        entries.write("d.ross", AuditedAction.RECORD_UPLOAD, "r-1", AuditOutcome.SUCCEEDED, "1024 bytes");
        assertEquals(List.of("own: d.ross record.upload r-1 SUCCEEDED 1024 bytes"), trail.written);
        assertNull(transactions.synchronization);
    }

    @Test
    void aSucceededActionWhoseTransactionIsMarkedForRollbackIsAuditedAsFailed() {
        transactions.status = Status.STATUS_MARKED_ROLLBACK;
        entries.write("d.ross", AuditedAction.STAFF_ENABLE, "n.kim", AuditOutcome.SUCCEEDED, null);
        assertEquals(List.of("own: d.ross staff.enable n.kim FAILED " + AuditEntries.ROLLED_BACK), trail.written);
        assertNull(transactions.synchronization);
    }

    @Test
    void anEntrySettledWithTheActionsResultCommitsWithItAndTheCallWritesNoOther() {
        AuditedCall call = upload("p-1");
        try {
            transactions.status = Status.STATUS_ACTIVE;
            call.subject("r-1").detail("1024 bytes").succeededInThisTransaction();
            transactions.complete(Status.STATUS_COMMITTED);
        } finally {
            transactions.status = Status.STATUS_NO_TRANSACTION;
            call.end(AuditOutcome.SUCCEEDED, null);
        }
        assertEquals(List.of("caller's: d.ross record.upload r-1 SUCCEEDED 1024 bytes"), trail.written);
    }

    @Test
    void aSettledEntryWhoseTransactionRollsBackIsFollowedByTheCallsFailureOnce() {
        AuditedCall call = upload("p-1");
        try {
            transactions.status = Status.STATUS_ACTIVE;
            call.subject("r-1").detail("1024 bytes").succeededInThisTransaction();
            transactions.complete(Status.STATUS_ROLLEDBACK);
        } finally {
            transactions.status = Status.STATUS_NO_TRANSACTION;
            call.end(AuditOutcome.FAILED, "failed: EJBException");
        }
        assertEquals(List.of("caller's: d.ross record.upload r-1 SUCCEEDED 1024 bytes",
                "own: d.ross record.upload r-1 FAILED failed: EJBException; " + AuditEntries.ROLLED_BACK),
                trail.written);
    }

    @Test
    void aSettledEntryWhoseOwnInsertFailsLeavesTheCallAuditedAsFailed() {
        AuditedCall call = upload("r-1");
        try {
            transactions.status = Status.STATUS_ACTIVE;
            trail.failInCallersTransaction = true;
            assertThrows(IllegalStateException.class, call::succeededInThisTransaction);
            transactions.complete(Status.STATUS_ROLLEDBACK);
        } finally {
            transactions.status = Status.STATUS_NO_TRANSACTION;
            call.end(AuditOutcome.FAILED, "failed: IllegalStateException");
        }
        assertEquals(List.of("own: d.ross record.upload r-1 FAILED failed: IllegalStateException; "
                + AuditEntries.ROLLED_BACK), trail.written);
    }

    @Test
    void aSettledEntryWhoseTransactionsOutcomeIsUnknownIsFollowedByAFailureSayingSo() {
        AuditedCall call = upload("r-1");
        try {
            transactions.status = Status.STATUS_ACTIVE;
            call.succeededInThisTransaction();
            transactions.complete(Status.STATUS_UNKNOWN);
        } finally {
            transactions.status = Status.STATUS_NO_TRANSACTION;
            call.end(AuditOutcome.FAILED, "failed: EJBException");
        }
        assertEquals(2, trail.written.size(), trail.written.toString());
        assertTrue(trail.written.get(1).startsWith("own: d.ross record.upload r-1 FAILED failed: EJBException; "
                + "not known to be completed"), trail.written.toString());
    }

    @Test
    void anActionThatReturnsAfterItsSettledEntryRolledBackIsAuditedAsFailed() {
        AuditedCall call = upload("r-1");
        try {
            transactions.status = Status.STATUS_ACTIVE;
            call.detail("1024 bytes").succeededInThisTransaction();
            transactions.complete(Status.STATUS_ROLLEDBACK);
        } finally {
            transactions.status = Status.STATUS_NO_TRANSACTION;
            call.end(AuditOutcome.SUCCEEDED, null);
        }
        assertEquals("own: d.ross record.upload r-1 FAILED " + AuditEntries.ROLLED_BACK, trail.written.get(1),
                "what it kept was undone, whatever it answered");
    }

    @Test
    void anActionThatFailsAfterItsSettledEntryCommittedGetsNoSecondEntry() {
        AuditedCall call = upload("r-1");
        try {
            transactions.status = Status.STATUS_ACTIVE;
            call.succeededInThisTransaction();
            transactions.complete(Status.STATUS_COMMITTED);
        } finally {
            call.end(AuditOutcome.FAILED, "failed: IllegalStateException");
        }
        assertEquals(List.of("caller's: d.ross record.upload r-1 SUCCEEDED null"), trail.written,
                "what it committed stands, and so does its entry");
    }

    @Test
    void anEntryIsSettledOnlyInAnActiveTransactionAndOnlyOnce() {
        AuditedCall call = upload("r-1");
        try {
            transactions.status = Status.STATUS_NO_TRANSACTION;
            assertThrows(IllegalStateException.class, call::succeededInThisTransaction);
            assertTrue(trail.written.isEmpty());
            assertNull(transactions.synchronization);

            transactions.status = Status.STATUS_ACTIVE;
            call.succeededInThisTransaction();
            assertThrows(IllegalStateException.class, call::succeededInThisTransaction);
            assertEquals(1, trail.written.size());
        } finally {
            call.end(AuditOutcome.SUCCEEDED, null);
        }
        assertEquals(1, trail.written.size());
    }

    @Test
    void anActionThatTookEffectBeyondUndoingIsAuditedAsSucceededAtOnceWhateverFollows() {
        AuditedCall call = AuditedCall.begin(entries, PHYSICIAN, AuditedAction.GRANT_CREATE, "p-1");
        try {
            transactions.status = Status.STATUS_ACTIVE;  // written apart from it all the same
            call.detail("grant 17").succeededIrrevocably();
            assertEquals(List.of("own: d.ross grant.create p-1 SUCCEEDED grant 17"), trail.written);
            assertNull(transactions.synchronization);
            assertThrows(IllegalStateException.class, call::succeededIrrevocably);
        } finally {
            call.end(AuditOutcome.FAILED, "the chain node cannot take the grant now");
        }
        assertEquals(1, trail.written.size(), "nothing after it makes it a failure: " + trail.written);
    }

    @Test
    void anIrrevocableEntryTheDatabaseRefusedAtFirstIsWrittenAsSucceededWhenTheActionEnds() {
        AuditedCall call = AuditedCall.begin(entries, PHYSICIAN, AuditedAction.GRANT_CREATE, "p-1");
        try {
            trail.failInOwnTransaction = true;
            call.detail("grant 17").succeededIrrevocably();
            trail.failInOwnTransaction = false;
        } finally {
            call.end(AuditOutcome.FAILED, "failed: IllegalStateException");
        }
        assertEquals(List.of("own: d.ross grant.create p-1 SUCCEEDED grant 17; afterwards: failed: "
                + "IllegalStateException"), trail.written);
    }

    @Test
    void anIntentWrittenAheadIsReplacedByTheEntryOfAnIrrevocableSuccessInOneTransaction() {
        AuditedCall call = AuditedCall.begin(entries, PHYSICIAN, AuditedAction.GRANT_CREATE, "p-1");
        try {
            call.writeAhead("grant to 0xb2, all, TREATMENT");
            assertEquals(List.of("intent 1: d.ross grant.create p-1 grant to 0xb2, all, TREATMENT"), trail.written);
            assertEquals(List.of(1), trail.intents, "written before the step, in a transaction of its own");
            assertThrows(IllegalStateException.class, () -> call.writeAhead("again"), "one intent, before the entry");
            assertThrows(IllegalStateException.class, call::succeededInThisTransaction,
                    "an entry in the caller's transaction would leave the intent in place if it rolled back");

            call.detail("grant 17").succeededIrrevocably();
        } finally {
            call.end(AuditOutcome.SUCCEEDED, null);
        }
        assertEquals("in place of intent 1: d.ross grant.create p-1 SUCCEEDED grant 17", trail.written.get(1));
        assertEquals(2, trail.written.size());
        assertTrue(trail.intents.isEmpty(), "the entry replaced it");
    }

    @Test
    void anIntentIsReplacedByTheEntryOfARefusalOrFailureAndByALateIrrevocableOne() {
        AuditedCall refused = AuditedCall.begin(entries, PHYSICIAN, AuditedAction.GRANT_REVOKE, "9");
        refused.writeAhead("revocation of grant 9");
        refused.end(AuditOutcome.REFUSED, "the revocation of grant 9 was refused: already revoked");

        AuditedCall late = AuditedCall.begin(entries, PHYSICIAN, AuditedAction.GRANT_CREATE, "p-1");
        late.writeAhead("grant to 0xb2");
        trail.failInOwnTransaction = true;
        late.detail("grant 17").succeededIrrevocably();
        trail.failInOwnTransaction = false;
        late.end(AuditOutcome.SUCCEEDED, null);

        assertEquals(List.of("intent 1: d.ross grant.revoke 9 revocation of grant 9",
                "in place of intent 1: d.ross grant.revoke 9 REFUSED the revocation of grant 9 was refused: already "
                        + "revoked",
                "intent 2: d.ross grant.create p-1 grant to 0xb2",
                "in place of intent 2: d.ross grant.create p-1 SUCCEEDED grant 17"), trail.written);
        assertTrue(trail.intents.isEmpty());
    }

    @Test
    void aStepThatMayStillTakeEffectLeavesTheOutcomeUnknownNotFailed() {
        AuditedCall unconfirmed = AuditedCall.begin(entries, PHYSICIAN, AuditedAction.GRANT_CREATE, "p-1");
        unconfirmed.writeAhead("grant to 0xb2");
        unconfirmed.mayStillTakeEffect();
        unconfirmed.end(AuditOutcome.FAILED, "the chain node did not confirm the grant in time: its transaction 0x7e "
                + "was sent and may still take effect");

        AuditedCall unannounced = AuditedCall.begin(entries, PHYSICIAN, AuditedAction.GRANTS_READ, "p-1");
        unannounced.mayStillTakeEffect();
        unannounced.end(AuditOutcome.FAILED, "the chain node cannot take the grants now");

        assertEquals(List.of("intent 1: d.ross grant.create p-1 grant to 0xb2",
                "in place of intent 1: d.ross grant.create p-1 UNKNOWN grant to 0xb2; the chain node did not confirm "
                        + "the grant in time: its transaction 0x7e was sent and may still take effect",
                "own: d.ross grants.read p-1 FAILED the chain node cannot take the grants now"), trail.written);
    }

    @Test
    void anIntentTheDatabaseRefusesStopsTheActionBeforeItsStep() {
        AuditedCall call = AuditedCall.begin(entries, PHYSICIAN, AuditedAction.GRANT_CREATE, "p-1");
        trail.failInOwnTransaction = true;
        assertThrows(IllegalStateException.class, () -> call.writeAhead("grant to 0xb2"));
        trail.failInOwnTransaction = false;
        call.end(AuditOutcome.FAILED, "failed: IllegalStateException");
        assertEquals(List.of("own: d.ross grant.create p-1 FAILED failed: IllegalStateException"), trail.written);
    }

    private AuditedCall upload(String subject) {
        return AuditedCall.begin(entries, PHYSICIAN, AuditedAction.RECORD_UPLOAD, subject);
    }

    /** Writes down which of the two ways each entry took. */
    private static final class Trail extends AuditTrail {

        final List<String> written = new ArrayList<>();
        final List<Integer> intents = new ArrayList<>();
        int intentsWritten;
        boolean failInCallersTransaction;
        boolean failInOwnTransaction;

        @Override
        public AuditRecord record(String actor, AuditedAction action, String subject, AuditOutcome outcome,
                                  String detail) {
            if (failInOwnTransaction) {
                throw new IllegalStateException("the database is unavailable");
            }
            written.add("own: " + actor + " " + action.code() + " " + subject + " " + outcome + " " + detail);
            return null;
        }

        @Override
        public UUID recordIntent(String actor, AuditedAction action, String subject, String detail) {
            if (failInOwnTransaction) {
                throw new IllegalStateException("the database is unavailable");
            }
            int number = ++intentsWritten;
            intents.add(number);
            written.add("intent " + number + ": " + actor + " " + action.code() + " " + subject + " " + detail);
            return new UUID(0, number);
        }

        @Override
        public AuditRecord recordInPlaceOf(UUID intent, String actor, AuditedAction action, String subject,
                                           AuditOutcome outcome, String detail) {
            if (failInOwnTransaction) {
                throw new IllegalStateException("the database is unavailable");
            }
            intents.remove(Integer.valueOf((int) intent.getLeastSignificantBits()));
            written.add("in place of intent " + intent.getLeastSignificantBits() + ": " + actor + " " + action.code()
                    + " " + subject + " " + outcome + " " + detail);
            return null;
        }

        @Override
        public AuditRecord recordInCallersTransaction(String actor, AuditedAction action, String subject,
                                                      AuditOutcome outcome, String detail) {
            if (failInCallersTransaction) {
                throw new IllegalStateException("the database is unavailable");
            }
            written.add("caller's: " + actor + " " + action.code() + " " + subject + " " + outcome + " " + detail);
            return null;
        }
    }

    /** One transaction's status and the synchronization registered with it. */
    private static final class Transactions implements TransactionSynchronizationRegistry {

        int status = Status.STATUS_NO_TRANSACTION;
        Synchronization synchronization;

        void complete(int outcome) {
            synchronization.beforeCompletion();
            status = outcome;
            synchronization.afterCompletion(outcome);
        }

        @Override
        public int getTransactionStatus() {
            return status;
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
            if (synchronization != null) {
                throw new AssertionError("one synchronization per entry");
            }
            synchronization = sync;
        }

        @Override
        public Object getTransactionKey() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void putResource(Object key, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object getResource(Object key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setRollbackOnly() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean getRollbackOnly() {
            throw new UnsupportedOperationException();
        }
    }
}
