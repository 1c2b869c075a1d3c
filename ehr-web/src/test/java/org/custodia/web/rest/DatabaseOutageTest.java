package org.custodia.web.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void aPoolThatCannotAllocateAConnectionIsAnOutage() {
        SQLException allocation = new SQLException("Error in allocating a connection. Cause: Connection could not be "
                + "allocated because: FATAL: database \"postgres\" is not currently accepting connections");
        allocation.initCause(new ResourceException("pool could not allocate"));
        assertTrue(DatabaseOutage.causedBy(fromAnEjb(allocation)));
    }

    @Test
    void connectionExceptionsOfTheDriverAreOutages() {
        assertTrue(DatabaseOutage.causedBy(fromAnEjb(new SQLNonTransientConnectionException(
                "Database is already closed", "90121"))));
        assertTrue(DatabaseOutage.causedBy(fromAnEjb(new SQLException("An I/O error occurred", "08006"))));
        assertTrue(DatabaseOutage.causedBy(fromAnEjb(new SQLException("terminating connection due to administrator "
                + "command", "57P01"))));
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
