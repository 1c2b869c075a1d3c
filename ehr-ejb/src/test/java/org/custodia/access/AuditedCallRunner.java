package org.custodia.access;

import java.util.concurrent.Callable;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.custodia.audit.AuditTrail;
import org.custodia.audit.AuditedAction;

/**
 * Runs a service method as the audited-call interceptor does once the access policy allowed it, outside a container
 * and any transaction: for tests of what services audit.
 */
public final class AuditedCallRunner {

    private AuditedCallRunner() {
    }

    public static <T> T run(AuditTrail trail, Actor actor, AuditedAction action, String subject, Callable<T> method)
            throws Exception {
        @SuppressWarnings("unchecked")
        T result = (T) AuditedCalls.run(new AuditEntries(trail, new NoTransaction()), actor, action, subject,
                method::call);
        return result;
    }

    private static final class NoTransaction implements TransactionSynchronizationRegistry {
        @Override
        public int getTransactionStatus() {
            return Status.STATUS_NO_TRANSACTION;
        }

        @Override
        public Object getTransactionKey() {
            return null;
        }

        @Override
        public void putResource(Object key, Object value) {
            throw new IllegalStateException("no transaction");
        }

        @Override
        public Object getResource(Object key) {
            throw new IllegalStateException("no transaction");
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
            throw new IllegalStateException("no transaction");
        }

        @Override
        public void setRollbackOnly() {
            throw new IllegalStateException("no transaction");
        }

        @Override
        public boolean getRollbackOnly() {
            throw new IllegalStateException("no transaction");
        }
    }
}
