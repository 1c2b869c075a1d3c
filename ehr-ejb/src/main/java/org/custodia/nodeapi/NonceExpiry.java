package org.custodia.nodeapi;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.custodia.persistence.SchemaMigration;

/**
 * Deletes the expired nonces of node-to-node calls every minute, once the schema is migrated. A nonce is expired
 * when its signature would be refused as stale anyway, so purging never lets a replay through.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NonceExpiry {

    private static final Logger LOG = Logger.getLogger(NonceExpiry.class.getName());

    @EJB
    private NonceRegistry nonces;

    @EJB
    private SchemaMigration schema;

    private final Clock clock = Clock.systemUTC();
    private final AtomicReference<String> lastProblem = new AtomicReference<>("");

    @Schedule(hour = "*", minute = "*", persistent = false, info = "expired node-call nonces")
    void purge() {
        if (!schema.state().migrated()) {
            return;
        }
        try {
            int purged = nonces.purgeExpired(clock.instant());
            lastProblem.set("");
            LOG.fine(() -> "Purged " + purged + " expired node-call nonces");
        } catch (RuntimeException e) {
            String problem = String.valueOf(e.getMessage());
            if (!problem.equals(lastProblem.getAndSet(problem))) {
                LOG.warning("Expired node-call nonces could not be purged (retried every minute): " + problem);
            }
        }
    }
}
