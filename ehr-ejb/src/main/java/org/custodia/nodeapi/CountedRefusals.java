package org.custodia.nodeapi;

import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.custodia.kernel.RecurringProblem;
import org.custodia.persistence.SchemaMigration;

/**
 * Audits the node calls refused beyond the audit budget ({@link NodeCallAuthenticator}) once their minute has passed,
 * every minute, and all of them when the application stops: without it, a count would wait for the next refusal,
 * which may never come. A count that cannot be audited at the stop is logged; one lost to a crash is at most the last
 * minute's.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CountedRefusals {

    private static final Logger LOG = Logger.getLogger(CountedRefusals.class.getName());

    @Inject
    private NodeCallAuthenticator authenticator;

    @EJB
    private SchemaMigration schema;

    private final RecurringProblem problem = new RecurringProblem();

    @Schedule(hour = "*", minute = "*", persistent = false, info = "counted node-call refusals")
    void auditOverdue() {
        if (!schema.state().migrated()) {
            return;
        }
        try {
            authenticator.auditOverdueCounts();
            problem.clear();
        } catch (RuntimeException e) {
            if (problem.isNew(e)) {
                LOG.warning("Counted node-call refusals could not be audited (kept, retried every minute): "
                        + e.getMessage());
            }
        }
    }

    @PreDestroy
    void auditAllBeforeStop() {
        try {
            authenticator.auditAllCounts();
        } catch (RuntimeException e) {
            LOG.warning(countedNotAudited() + " node calls refused beyond the audit budget could not be audited as "
                    + "the application stopped; this line is their only record: " + e.getMessage());
        }
    }

    private String countedNotAudited() {
        try {
            return String.valueOf(authenticator.countedNotAudited());
        } catch (RuntimeException e) {
            return "Some";
        }
    }
}
