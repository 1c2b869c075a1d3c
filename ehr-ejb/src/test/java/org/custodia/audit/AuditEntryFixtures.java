package org.custodia.audit;

import java.time.Instant;

/** Builds audit entries for tests in other packages (the constructor is package-private on purpose). */
public final class AuditEntryFixtures {

    private AuditEntryFixtures() {
    }

    public static AuditEntry entry(String actor, String action, String subject, AuditOutcome outcome,
                                   String detail) {
        return new AuditEntry(Instant.now(), actor, action, subject, outcome,
                detail);
    }
}
