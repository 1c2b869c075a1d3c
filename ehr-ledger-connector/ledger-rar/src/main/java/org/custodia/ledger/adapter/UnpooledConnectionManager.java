package org.custodia.ledger.adapter;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;

/**
 * The connection manager for use outside a container (tools, benchmarks): a new managed connection per request,
 * destroyed when its handle is closed.
 */
final class UnpooledConnectionManager implements ConnectionManager {

    private static final long serialVersionUID = 1L;

    @Override
    public Object allocateConnection(ManagedConnectionFactory factory, ConnectionRequestInfo info)
            throws ResourceException {
        ManagedConnection connection = factory.createManagedConnection(null, info);
        connection.addConnectionEventListener(new ConnectionEventListener() {
            @Override
            public void connectionClosed(ConnectionEvent event) {
                try {
                    connection.destroy();
                } catch (ResourceException e) {
                    throw new IllegalStateException("cannot destroy a closed ledger connection", e);
                }
            }

            @Override
            public void connectionErrorOccurred(ConnectionEvent event) {
                connectionClosed(event);
            }

            @Override
            public void localTransactionStarted(ConnectionEvent event) {
                // the ledger has no local transactions
            }

            @Override
            public void localTransactionCommitted(ConnectionEvent event) {
                // the ledger has no local transactions
            }

            @Override
            public void localTransactionRolledback(ConnectionEvent event) {
                // the ledger has no local transactions
            }
        });
        return connection.getConnection(null, info);
    }
}
