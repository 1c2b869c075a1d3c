package org.custodia.audit;

import java.util.logging.Logger;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/**
 * Seals the audit trail's new entries into its hash chain every few seconds, one sealer per node (a singleton's
 * timer), so that writing an entry never waits for the chain.
 */
@Singleton
public class AuditSealing {

    private static final Logger LOG = Logger.getLogger(AuditSealing.class.getName());
    private static final int BATCH = 2000;

    @EJB
    private AuditTrail trail;

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false, info = "audit trail sealing")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void sealNewEntries() {
        try {
            trail.sealPending(BATCH);
        } catch (RuntimeException e) {
            // before the schema is migrated, or the database is down: the next tick tries again
            LOG.fine(() -> "Audit entries not sealed this time: " + e);
        }
    }
}
