package org.custodia.audit;

import java.time.Duration;
import java.util.logging.Logger;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Seals the audit trail's new entries into its hash chain every few seconds, one sealer per node (a singleton's
 * timer), so that writing an entry never waits for the chain; and queues the anchoring of the sealed head on chain
 * at most once per {@code custodia.audit.anchor-interval}. Hospitals and proxies alike keep a trail and anchor it.
 */
@Singleton
public class AuditSealing {

    static final String ANCHOR_INTERVAL = "custodia.audit.anchor-interval";

    private static final Logger LOG = Logger.getLogger(AuditSealing.class.getName());
    private static final int BATCH = 2000;
    /** How long one tick seals batch after batch while full ones come back: a backlog is sealed, ticks do not pile up. */
    private static final Duration TICK_BUDGET = Duration.ofSeconds(3);

    @EJB
    private AuditTrail trail;

    @Inject
    @ConfigProperty(name = ANCHOR_INTERVAL)
    private Duration anchorInterval;

    private boolean failing;

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false, info = "audit trail sealing")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void sealNewEntries() {
        try {
            long until = System.nanoTime() + TICK_BUDGET.toNanos();
            while (trail.sealPending(BATCH) == BATCH && System.nanoTime() - until < 0) {
                // more may wait: entries written faster than one batch per tick are sealed too
            }
            trail.requestAnchor(anchorInterval);
            if (failing) {
                failing = false;
                LOG.info("Audit entries are sealed again");
            }
        } catch (RuntimeException e) {
            // before the schema is migrated, or the database is down: the next tick tries again; said once
            if (!failing) {
                failing = true;
                LOG.warning("Audit entries cannot be sealed into the hash chain, nor its head queued for anchoring "
                        + "on chain, now; retrying every 5 s: " + e);
            }
        }
    }
}
