package org.custodia.node;

import java.time.Clock;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import org.custodia.access.Audited;
import org.custodia.audit.AuditedAction;
import org.custodia.outbox.Outbox;
import org.custodia.outbox.OutboxOverview;

/**
 * The outbox as administrators see it (the status page, {@code GET /api/outbox}): what waits to leave the node and
 * what keeps failing.
 */
@Stateless
public class OutboxStatus {

    /** The most failing commands listed; the counts per kind cover them all. */
    public static final int FAILING_LISTED = 50;

    @EJB
    private Outbox outbox;

    private final Clock clock = Clock.systemUTC();

    /** The outbox now. */
    @Audited(AuditedAction.NODE_STATUS_READ)
    public OutboxOverview overview() {
        return outbox.overview(clock.instant(), FAILING_LISTED);
    }
}
