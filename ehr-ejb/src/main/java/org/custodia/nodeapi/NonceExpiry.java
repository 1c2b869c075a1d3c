package org.custodia.nodeapi;

import java.time.Clock;
import java.util.logging.Logger;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.custodia.kernel.RecurringProblem;
import org.custodia.persistence.SchemaMigration;

/**
 * Deletes the expired nonces of node-to-node calls every minute, once the schema is migrated. A nonce is deleted
 * one whole signature window after its signature became stale: a replay that passed the freshness check before a
 * purge still finds its nonce when it is recorded after it (the verifier's chain look-up in between takes far less
 * than a window). Raising {@code custodia.node-api.signature-window-seconds} takes effect for nonces stored from then
 * on; raise it by at most its current value at a time, or wait one old window after the restart.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NonceExpiry {

    private static final Logger LOG = Logger.getLogger(NonceExpiry.class.getName());

    @EJB
    private NonceRegistry nonces;

    @EJB
    private SchemaMigration schema;

    @Inject
    private NodeApiSettings settings;

    private final Clock clock = Clock.systemUTC();
    private final RecurringProblem problem = new RecurringProblem();

    @Schedule(hour = "*", minute = "*", persistent = false, info = "expired node-call nonces")
    void purge() {
        if (!schema.state().migrated()) {
            return;
        }
        try {
            int purged = nonces.purgeExpired(clock.instant().minus(settings.signatureWindow()));
            problem.clear();
            LOG.fine(() -> "Purged " + purged + " expired node-call nonces");
        } catch (RuntimeException e) {
            if (problem.isNew(e)) {
                LOG.warning("Expired node-call nonces could not be purged (retried every minute): " + e.getMessage());
            }
        }
    }
}
