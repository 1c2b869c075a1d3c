package org.custodia.kernel;

import java.util.concurrent.atomic.AtomicReference;

/**
 * What a task run on a schedule last failed with, so that a failure repeated at every run is logged once, and again
 * only after the task succeeded or failed otherwise in between.
 */
public final class RecurringProblem {

    private final AtomicReference<String> last = new AtomicReference<>("");

    /** The task succeeded: its next failure is logged. */
    public void clear() {
        last.set("");
    }

    /** Notes that the task failed with {@code e}; whether that differs from its last failure (and is to be logged). */
    public boolean isNew(RuntimeException e) {
        String problem = String.valueOf(e.getMessage());
        return !problem.equals(last.getAndSet(problem));
    }
}
