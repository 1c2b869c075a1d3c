package org.custodia.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecurringProblemTest {

    @Test
    void aFailureRepeatedAtEveryRunIsNewOnlyTheFirstTime() {
        RecurringProblem problem = new RecurringProblem();
        assertTrue(problem.isNew(new IllegalStateException("the database is down")));
        assertFalse(problem.isNew(new IllegalStateException("the database is down")));
        assertTrue(problem.isNew(new IllegalStateException("the table is locked")), "another failure is news");
        assertFalse(problem.isNew(new IllegalStateException("the table is locked")));
    }

    @Test
    void afterASuccessTheSameFailureIsNewAgain() {
        RecurringProblem problem = new RecurringProblem();
        assertTrue(problem.isNew(new IllegalStateException("the database is down")));
        problem.clear();
        assertTrue(problem.isNew(new IllegalStateException("the database is down")));
        assertTrue(problem.isNew(new IllegalStateException()), "a failure without a message");
        assertFalse(problem.isNew(new IllegalArgumentException()));
    }
}
