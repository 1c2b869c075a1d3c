package org.custodia.proxy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.custodia.kernel.NodeRole;
import org.custodia.kernel.NodeSettings;
import org.custodia.kernel.RecurringProblem;
import org.custodia.nodeapi.NodeApiSettings;
import org.custodia.persistence.SchemaMigration;

/**
 * On a proxy, every hour, forgets the last call numbers of re-keys no longer held whose last call is older than
 * {@link #KEPT_AFTER_LAST_CALL} and two signature windows ({@link SealedReKeys#forgetCallNumbers}), so that the table
 * grows with the re-keys held and the pairs called for in the last day, not with every pair a custodian ever called
 * for. A custodian numbers a call with its clock (microseconds since the epoch) as it starts the attempt that sends
 * it, never keeps a number for a later attempt, and signs the call as it sends it; a proxy takes a call only within
 * one signature window of its signature (either side of its own clock) and applies it within its request's
 * time-outs. A call numbered lower than a forgotten number, applied after it was forgotten, would have spent about a
 * day between its numbering and its application.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReKeyCallNumberExpiry {

    /** How long a call number is kept after its last call, beyond two signature windows. */
    static final Duration KEPT_AFTER_LAST_CALL = Duration.ofDays(1);

    private static final Logger LOG = Logger.getLogger(ReKeyCallNumberExpiry.class.getName());

    @EJB
    private SealedReKeys reKeys;

    @EJB
    private SchemaMigration schema;

    @Inject
    private NodeApiSettings settings;

    @Inject
    private NodeSettings nodeSettings;

    private final Clock clock = Clock.systemUTC();
    private final RecurringProblem problem = new RecurringProblem();

    @Schedule(hour = "*", minute = "23", persistent = false, info = "re-key call numbers no longer needed")
    void forget() {
        if (nodeSettings.role() != NodeRole.PROXY || !schema.state().migrated()) {
            return;
        }
        try {
            Instant before = clock.instant().minus(KEPT_AFTER_LAST_CALL)
                    .minus(settings.signatureWindow().multipliedBy(2));
            int forgotten = reKeys.forgetCallNumbers(before);
            problem.clear();
            LOG.fine(() -> "Forgot " + forgotten + " call numbers of re-keys no longer held, last called before "
                    + before);
        } catch (RuntimeException e) {
            if (problem.isNew(e)) {
                LOG.warning("Call numbers of re-keys no longer held could not be forgotten (retried every hour): "
                        + e.getMessage());
            }
        }
    }
}
