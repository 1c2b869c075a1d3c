package org.custodia.ledger.adapter;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Supplier;

import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;

import org.custodia.ledger.adapter.chain.ContractLedger;
import org.custodia.ledger.api.EventDeliveryStatus;

/**
 * A pooled ledger connection. The chain is reached over stateless HTTP through the adapter's shared link, so the
 * "physical" connection is only the ledger with this pool's completion policy; it hands out handles, tracks them
 * and tells the container when one is closed. Ledger transactions cannot join JTA transactions.
 */
final class LedgerManagedConnection implements ManagedConnection {

    private final ContractLedger ledger;
    private final Supplier<List<EventDeliveryStatus>> eventDeliveries;
    private final Set<LedgerConnectionHandle> handles = new CopyOnWriteArraySet<>();
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private PrintWriter logWriter;

    LedgerManagedConnection(ContractLedger ledger, Supplier<List<EventDeliveryStatus>> eventDeliveries) {
        this.ledger = ledger;
        this.eventDeliveries = eventDeliveries;
    }

    ContractLedger ledger() {
        return ledger;
    }

    /** The resource adapter's inbound event subscriptions, as they keep up with the chain. */
    List<EventDeliveryStatus> eventDeliveries() {
        return eventDeliveries.get();
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) {
        LedgerConnectionHandle handle = new LedgerConnectionHandle(this);
        handles.add(handle);
        return handle;
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        if (!(connection instanceof LedgerConnectionHandle handle)) {
            throw new ResourceException("not a ledger connection handle: " + connection);
        }
        handle.reassociate(this);
        handles.add(handle);
    }

    void handleClosed(LedgerConnectionHandle handle) {
        handles.remove(handle);
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(handle);
        listeners.forEach(listener -> listener.connectionClosed(event));
    }

    void handleMoved(LedgerConnectionHandle handle) {
        handles.remove(handle);
    }

    /** Invalidates every handle still open, so they cannot be used after the container reclaimed them. */
    @Override
    public void cleanup() {
        handles.forEach(LedgerConnectionHandle::invalidate);
        handles.clear();
    }

    @Override
    public void destroy() {
        cleanup();
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public XAResource getXAResource() throws ResourceException {
        throw new NotSupportedException("ledger transactions cannot take part in XA transactions");
    }

    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        throw new NotSupportedException("ledger transactions cannot take part in local transactions");
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new ManagedConnectionMetaData() {
            @Override
            public String getEISProductName() {
                return "Ethereum JSON-RPC ledger";
            }

            @Override
            public String getEISProductVersion() {
                return "eth_* JSON-RPC";
            }

            @Override
            public int getMaxConnections() {
                return 0;
            }

            @Override
            public String getUserName() {
                return ledger.account().toString();
            }
        };
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter logWriter) {
        this.logWriter = logWriter;
    }
}
