package org.custodia.persistence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;

import jakarta.ejb.EJBException;
import jakarta.persistence.PersistenceException;
import jakarta.resource.ResourceException;

import org.junit.jupiter.api.Test;

/** Which failures are the database out of reach, as they arrive from an EJB over JPA and the container's pool. */
class DatabaseOutageTest {

    private static EJBException fromAnEjb(Throwable sql) {
        return new EJBException(new PersistenceException("could not execute statement", sql));
    }

    /** How the container's pool reports a connection it could not allocate: its SQLException over the cause. */
    private static SQLException allocationFailure(Throwable cause) {
        ResourceException pool = new ResourceException("Connection could not be allocated because: " + cause);
        pool.initCause(cause);
        return new SQLException("Error in allocating a connection. Cause: " + pool.getMessage(), pool);
    }

    @Test
    void aServerThatRefusesOrCannotBeReachedWhileThePoolConnectsIsAnOutage() {
        assertTrue(DatabaseOutage.causedBy(fromAnEjb(allocationFailure(new SQLException(
                "FATAL: database \"postgres\" is not currently accepting connections", "55000")))));
        assertTrue(DatabaseOutage.causedBy(fromAnEjb(allocationFailure(new SQLException(
                "FATAL: sorry, too many clients already", "53300")))));
        assertTrue(DatabaseOutage.causedBy(fromAnEjb(allocationFailure(new SQLException(
                "Connection to 127.0.0.1:5432 refused", "08001", new ConnectException("Connection refused"))))));
    }

    @Test
    void aPoolWithNoFreeConnectionOrATimedOutTransactionIsNot() {
        assertFalse(DatabaseOutage.causedBy(fromAnEjb(allocationFailure(new ResourceException(
                "In-use connections equal max-pool-size and expired max-wait-time")))),
                "an exhausted pool is a defect (a leak) or a load problem, not an outage");
        assertFalse(DatabaseOutage.causedBy(fromAnEjb(allocationFailure(new IllegalStateException(
                "the transaction is no longer active")))));
        assertFalse(DatabaseOutage.causedBy(fromAnEjb(new SQLException("object not in prerequisite state",
                "55000"))), "55000 counts only while a connection is being made");
    }

    @Test
    void connectionExceptionsOfTheDriverAreOutages() {
        assertTrue(DatabaseOutage.causedBy(fromAnEjb(new SQLNonTransientConnectionException(
                "Database is already closed", "90121"))));
        assertTrue(DatabaseOutage.causedBy(fromAnEjb(new SQLException("An I/O error occurred", "08006"))));
        assertTrue(DatabaseOutage.causedBy(fromAnEjb(new SQLException("terminating connection due to administrator "
                + "command", "57P01"))));
        assertTrue(DatabaseOutage.causedBy(fromAnEjb(new SQLException("terminating connection because of crash of "
                + "another server process", "57P02"))));
    }

    @Test
    void otherDatabaseFailuresAreNot() {
        assertFalse(DatabaseOutage.causedBy(fromAnEjb(new SQLIntegrityConstraintViolationException(
                "duplicate key value violates unique constraint", "23505"))));
        assertFalse(DatabaseOutage.causedBy(fromAnEjb(new SQLSyntaxErrorException("syntax error", "42601"))));
        assertFalse(DatabaseOutage.causedBy(fromAnEjb(new SQLException("no state"))));
    }

    @Test
    void aResourceFailureOutsideTheDatabaseIsNot() {
        assertFalse(DatabaseOutage.causedBy(new EJBException(new ResourceException("the ledger pool is exhausted"))),
                "the ledger connector is a resource adapter too");
        assertFalse(DatabaseOutage.causedBy(new IllegalStateException("a defect")));
    }

    @Test
    void aCauseThatLoopsEnds() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);
        assertFalse(DatabaseOutage.causedBy(first));
    }
}
