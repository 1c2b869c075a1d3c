package org.custodia.testing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditRecord;
import org.custodia.audit.AuditTrail;
import org.custodia.audit.AuditedAction;

/** An audit trail in memory, for tests: the entries the services record, in order, and the intents still open. */
public final class RecordingAuditTrail extends AuditTrail {

    private final List<AuditRecord> entries = new CopyOnWriteArrayList<>();
    private final Map<UUID, String> intents = new ConcurrentHashMap<>();
    private volatile boolean refuseInCallersTransaction;
    private volatile boolean refuseIntents;
    private volatile boolean refuseOwnEntries;
    private final AtomicInteger entriesInPlaceOfIntentsToRefuse = new AtomicInteger();

    /**
     * From now on, an entry to be written in the caller's transaction fails, as the database failing the insert
     * would (the caller's transaction then rolls back).
     */
    public void refuseEntriesInCallersTransaction() {
        refuseInCallersTransaction = true;
    }

    /** From now on, an entry written in a transaction of its own fails, as the database refusing its insert would. */
    public void refuseEntriesOfTheirOwn() {
        refuseOwnEntries = true;
    }

    /** From now on, writing an intent fails, as the database refusing its insert would. */
    public void refuseIntents() {
        refuseIntents = true;
    }

    /** The next {@code count} entries to be written in place of an intent fail, as the database refusing them would. */
    public void refuseEntriesInPlaceOfIntents(int count) {
        entriesInPlaceOfIntentsToRefuse.set(count);
    }

    @Override
    public AuditRecord recordInCallersTransaction(String actor, AuditedAction action, String subject,
            AuditOutcome outcome, String detail) {
        if (refuseInCallersTransaction) {
            throw new IllegalStateException("the audit entry's insert failed");
        }
        return append(actor, action, subject, outcome, detail);
    }

    @Override
    public AuditRecord record(String actor, AuditedAction action, String subject, AuditOutcome outcome,
            String detail) {
        if (refuseOwnEntries) {
            throw new IllegalStateException("the audit entry's insert failed");
        }
        return append(actor, action, subject, outcome, detail);
    }

    private AuditRecord append(String actor, AuditedAction action, String subject, AuditOutcome outcome,
            String detail) {
        AuditRecord entry = new AuditRecord(UUID.randomUUID(), Instant.now(), actor, action.code(), subject, outcome,
                detail);
        entries.add(entry);
        return entry;
    }

    @Override
    public UUID recordIntent(String actor, AuditedAction action, String subject, String detail) {
        if (refuseIntents) {
            throw new IllegalStateException("the audit intent's insert failed");
        }
        UUID id = UUID.randomUUID();
        intents.put(id, action.code() + " " + subject + ": " + detail);
        return id;
    }

    @Override
    public AuditRecord recordInPlaceOf(UUID intent, String actor, AuditedAction action, String subject,
            AuditOutcome outcome, String detail) {
        if (entriesInPlaceOfIntentsToRefuse.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw new IllegalStateException("the audit entry's insert failed");
        }
        if (intents.remove(intent) == null) {
            throw new AssertionError("an entry in place of intent " + intent + ", which is not open: a second entry "
                    + "of one action");
        }
        return append(actor, action, subject, outcome, detail);
    }

    @Override
    public void withdrawIntent(UUID intent) {
        intents.remove(intent);
    }

    /** The intents written and not replaced by their entries yet: each as its action's code, subject and detail. */
    public List<String> intents() {
        return List.copyOf(intents.values());
    }

    public List<AuditRecord> entries() {
        return List.copyOf(entries);
    }

    /** The only entry so far. */
    public AuditRecord only() {
        if (entries.size() != 1) {
            throw new AssertionError("expected one audit entry, got " + entries);
        }
        return entries.get(0);
    }
}
