package org.custodia.sharing;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.kernel.Failure;
import org.custodia.kernel.SharingException;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.LedgerEvent;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.LedgerUnavailableException;
import org.custodia.ledger.api.TransactionState;

/**
 * Flow 8's check of a proxy's word that it logged the access before it served: the transaction the proxy names must
 * be mined on this hospital's own chain node and log this very access (this record, this hospital as accessor, that
 * proxy as the one who logged it) in a block after the retrieval began. A record whose access is not on chain is never
 * kept.
 *
 * <p>The proxy's chain node may import the block a little before this hospital's, so a transaction that logs nothing
 * yet is looked up again every {@code interval} for up to {@code patience}; then one mined without this access is
 * refused, and one this node has not mined is its unavailability (the access may be logged). A transaction that
 * logged other accesses only is refused at once.
 */
final class AccessLogCheck {

    private final Duration patience;
    private final Duration interval;

    AccessLogCheck(Duration patience, Duration interval) {
        if (interval.isNegative() || interval.isZero() || patience.isNegative()) {
            throw new IllegalArgumentException("the interval must be positive and the patience not negative");
        }
        this.patience = patience;
        this.interval = interval;
    }

    /**
     * The logged access. Each look takes a connection of its own and returns it before waiting, so a proxy that names
     * a transaction that never shows holds no pooled connection while this waits.
     *
     * @param after the chain's latest block before the proxy was asked: the log must be in a later block, so a proxy
     *              cannot pass off an earlier retrieval's log for this one
     * @throws SharingException {@code INTEGRITY_FAILURE} when the transaction does not log this access
     * @throws DependencyUnavailableException if the wait is interrupted
     * @throws LedgerUnavailableException when this node has not mined the transaction within the patience
     * @throws LedgerException  if the chain node cannot be asked
     */
    LedgerEvent.AccessLogged require(LedgerConnectionFactory ledger, Bytes32 transaction, Bytes32 recordId,
            LedgerAddress proxy, long after) throws LedgerException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            boolean lastLook = System.nanoTime() - deadline >= 0;
            TransactionState state = null;
            List<LedgerEvent.AccessLogged> logged;
            LedgerAddress us;
            try (LedgerConnection chain = ledger.getConnection()) {
                // on the last look, the state before the logs: a block imported in between shows in the logs
                state = lastLook ? chain.transactionState(transaction) : null;
                logged = chain.accessLogsIn(transaction);
                us = chain.account();
            }
            Optional<LedgerEvent.AccessLogged> match = logged.stream()
                    .filter(access -> access.recordId().equals(recordId) && access.accessor().equals(us)
                            && access.proxy().equals(proxy))
                    .findFirst();
            if (match.isPresent() && match.get().position().blockNumber() > after) {
                return match.get();
            }
            if (!logged.isEmpty()) {
                throw new SharingException(Failure.INTEGRITY_FAILURE, named(transaction, recordId, proxy)
                        + (match.isPresent() ? "it was mined in block " + match.get().position().blockNumber()
                                + ", before this retrieval began (after block " + after + ")"
                                : "it logged other accesses only") + ": nothing was kept");
            }
            if (lastLook) {
                throw nothingLogged(state, transaction, recordId, proxy);
            }
            pause();
        }
    }

    /**
     * Once the patience is spent, a transaction that shows no access: one mined or failed without logging it is the
     * proxy's false word (thrown); one this hospital's chain node holds unmined may yet log it, as a node that lags
     * behind the proxy's would show: its unavailability (returned, to be thrown). One the node does not know at all is
     * that proxy's failure ({@code PROXY_UNREACHABLE}, thrown): a faulty proxy naming a made-up transaction must not
     * stop every retrieval, so the next proxy is asked, and whether the access was logged the chain tells later. No
     * transaction is named as pending: it is the proxy's, not one this node sent.
     */
    private static LedgerUnavailableException nothingLogged(TransactionState state, Bytes32 transaction,
            Bytes32 recordId, LedgerAddress proxy) {
        if (state == TransactionState.MINED || state == TransactionState.REVERTED) {
            throw new SharingException(Failure.INTEGRITY_FAILURE, named(transaction, recordId, proxy)
                    + (state == TransactionState.MINED ? "this hospital's chain node shows no access logged in it"
                            : "it failed on chain") + ": nothing was kept");
        }
        if (state == TransactionState.UNKNOWN) {
            throw new SharingException(Failure.PROXY_UNREACHABLE, named(transaction, recordId, proxy)
                    + "this hospital's chain node does not know it: nothing was kept, though the access may be logged");
        }
        return new LedgerUnavailableException("this hospital's chain node has not mined transaction " + transaction
                + ", which proxy " + proxy + " named as the log of its access (it waits in the node's pool); the access"
                + " may be logged all the same", null);
    }

    private static String named(Bytes32 transaction, Bytes32 recordId, LedgerAddress proxy) {
        return "proxy " + proxy + " named transaction " + transaction + " as the on-chain log of this hospital's "
                + "access to record " + recordId.toString().substring(2) + ", but ";
    }

    private void pause() {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DependencyUnavailableException("interrupted while waiting for this hospital's chain node to "
                    + "show the proxy's access log: nothing was kept", "the retrieval was stopped while the chain"
                    + " confirmed its access: nothing was kept, though the access may be logged", e);
        }
    }
}
