package org.custodia.ledger.adapter;

import javax.naming.Reference;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;

import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.LedgerUnavailableException;

/** The application's connection factory: asks the container's connection manager for pooled connections. */
public class PooledLedgerConnectionFactory implements LedgerConnectionFactory {

    private static final long serialVersionUID = 1L;

    private final LedgerManagedConnectionFactory managedFactory;
    private final ConnectionManager connectionManager;
    private Reference reference;

    PooledLedgerConnectionFactory(LedgerManagedConnectionFactory managedFactory, ConnectionManager connectionManager) {
        this.managedFactory = managedFactory;
        this.connectionManager = connectionManager;
    }

    @Override
    public LedgerConnection getConnection() throws LedgerException {
        try {
            return (LedgerConnection) connectionManager.allocateConnection(managedFactory, null);
        } catch (ResourceException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof LedgerException ledgerProblem) {
                    throw ledgerProblem;
                }
            }
            throw new LedgerUnavailableException("no ledger connection is available: " + e.getMessage(), e);
        }
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
