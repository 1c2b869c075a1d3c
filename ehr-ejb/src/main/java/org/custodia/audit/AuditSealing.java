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

    private boolean failing;

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false, info = "audit trail sealing")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void sealNewEntries() {
        try {
            trail.sealPending(BATCH);
            if (failing) {
                failing = false;
                LOG.info("Audit entries are sealed again");
            }
        } catch (RuntimeException e) {
            // before the schema is migrated, or the database is down: the next tick tries again; said once
            if (!failing) {
                failing = true;
                LOG.warning("Audit entries cannot be sealed into the hash chain now, retrying every 5 s: " + e);
            }
        }
    }
}
