package org.custodia.ledger.adapter;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

import javax.security.auth.Subject;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;

import org.custodia.ledger.adapter.chain.CompletionPolicy;
import org.custodia.ledger.adapter.chain.ContractLedger;
import org.custodia.ledger.api.LedgerConfigurationException;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;

/**
 * Creates ledger connections for one pool. The pool's settings decide when a transaction counts as done
 * (receipt polling, timeout, confirmations); the chain link itself belongs to the resource adapter.
 */
@ConnectionDefinition(connectionFactory = LedgerConnectionFactory.class,
        connectionFactoryImpl = PooledLedgerConnectionFactory.class, connection = LedgerConnection.class,
        connectionImpl = LedgerConnectionHandle.class)
public class LedgerManagedConnectionFactory implements ManagedConnectionFactory, ResourceAdapterAssociation {

    private static final long serialVersionUID = 1L;

    @ConfigProperty(description = "Interval between receipt polls in ms (custodia.ledger.receipt-polling-millis); default 25")
    private Long receiptPollingMillis;
    @ConfigProperty(description = "How long to wait for a receipt in s (custodia.ledger.receipt-timeout-seconds); default 60")
    private Long receiptTimeoutSeconds;
    @ConfigProperty(description = "Blocks required on top of a transaction's block (custodia.ledger.confirmations); default 0, QBFT blocks are final")
    private Integer confirmations;

    private transient LedgerResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;

    @Override
    public Object createConnectionFactory(ConnectionManager connectionManager) {
        return new PooledLedgerConnectionFactory(this, connectionManager);
    }

    /** A factory for use outside a container: every connection is created for its user and destroyed on close. */
    @Override
    public Object createConnectionFactory() {
        return createConnectionFactory(new UnpooledConnectionManager());
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        LedgerResourceAdapter adapter = adapter();
        try {
            return new LedgerManagedConnection(new ContractLedger(adapter.node(), completionPolicy()),
                    adapter::eventDeliveries);
        } catch (LedgerConfigurationException e) {
            throw new ResourceException(e.getMessage(), e);
        }
    }

    /** All connections of a pool are alike, so any one matches. */
    @Override
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(Set connections, Subject subject, ConnectionRequestInfo info) {
        for (Object candidate : connections) {
            if (candidate instanceof LedgerManagedConnection connection) {
                return connection;
            }
        }
        return null;
    }

    CompletionPolicy completionPolicy() throws LedgerConfigurationException {
        try {
            long polling = ConfiguredValue.asLong(ConfiguredValue.of(receiptPollingMillis, "receipt-polling-millis"),
                    "receipt-polling-millis", 25);
            long timeout = ConfiguredValue.asLong(ConfiguredValue.of(receiptTimeoutSeconds,
                    "receipt-timeout-seconds"), "receipt-timeout-seconds", 60);
            long blocks = ConfiguredValue.asLong(ConfiguredValue.of(confirmations, "confirmations"),
                    "confirmations", 0);
            return new CompletionPolicy(Duration.ofMillis(polling), Duration.ofSeconds(timeout), (int) blocks);
        } catch (IllegalArgumentException e) {
            throw new LedgerConfigurationException("ledger pool setting is invalid: " + e.getMessage(), e);
        }
    }

    private LedgerResourceAdapter adapter() throws ResourceException {
        if (resourceAdapter == null) {
            throw new ResourceException("the ledger connection factory is not associated with its resource adapter");
        }
        return resourceAdapter;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter adapter) throws ResourceException {
        if (!(adapter instanceof LedgerResourceAdapter ledgerAdapter)) {
            throw new ResourceException("the ledger connection factory needs the ledger resource adapter, not "
                    + adapter);
        }
        this.resourceAdapter = ledgerAdapter;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter logWriter) {
        this.logWriter = logWriter;
    }

    public Long getReceiptPollingMillis() {
        return receiptPollingMillis;
    }

    public void setReceiptPollingMillis(Long receiptPollingMillis) {
        this.receiptPollingMillis = receiptPollingMillis;
    }

    public Long getReceiptTimeoutSeconds() {
        return receiptTimeoutSeconds;
    }

    public void setReceiptTimeoutSeconds(Long receiptTimeoutSeconds) {
        this.receiptTimeoutSeconds = receiptTimeoutSeconds;
    }

    public Integer getConfirmations() {
        return confirmations;
    }

    public void setConfirmations(Integer confirmations) {
        this.confirmations = confirmations;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LedgerManagedConnectionFactory that
                && Objects.equals(receiptPollingMillis, that.receiptPollingMillis)
                && Objects.equals(receiptTimeoutSeconds, that.receiptTimeoutSeconds)
                && Objects.equals(confirmations, that.confirmations)
                && resourceAdapter == that.resourceAdapter;
    }

    @Override
    public int hashCode() {
        return Objects.hash(receiptPollingMillis, receiptTimeoutSeconds, confirmations);
    }
}
