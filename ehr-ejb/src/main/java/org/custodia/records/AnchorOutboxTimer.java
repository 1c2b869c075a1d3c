package org.custodia.records;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.custodia.persistence.SchemaMigration;

/**
 * Works through the anchor outbox every five seconds: each due entry gets one attempt, and a failure reschedules it
 * with back-off. Entries survive restarts (they are rows), so every stored record is anchored eventually. A run
 * that is still busy when the next is due makes that one skip.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AnchorOutboxTimer {

    private static final Logger LOG = Logger.getLogger(AnchorOutboxTimer.class.getName());
    private static final int BATCH = 50;

    @EJB
    private RecordStore store;

    @EJB
    private RecordAnchoring anchoring;

    @EJB
    private SchemaMigration schema;

    private final Clock clock = Clock.systemUTC();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicReference<String> lastProblem = new AtomicReference<>("");

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false, info = "anchor outbox retries")
    void retryDueAnchors() {
        if (!schema.state().migrated() || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            List<String> due = store.due(clock.instant(), BATCH);
            for (String recordId : due) {
                anchoring.attempt(recordId);
            }
            lastProblem.set("");
        } catch (RuntimeException e) {
            String problem = String.valueOf(e.getMessage());
            if (!problem.equals(lastProblem.getAndSet(problem))) {
                LOG.warning("The anchor outbox could not be worked through (retried in 5 s): " + problem);
            }
        } finally {
            running.set(false);
        }
    }
}
