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

/**
 * Flow 8's check of a proxy's word that it logged the access before it served: the transaction the proxy names must
 * be mined on this hospital's own chain node and log this very access (this record, this hospital as accessor, that
 * proxy as the one who logged it) in a block after the retrieval began. A record whose access is not on chain is never
 * kept.
 *
 * <p>The proxy's chain node may import the block a little before this hospital's, so a transaction that logs nothing
 * yet is looked up again every {@code interval} for up to {@code patience} before the retrieval is refused. A
 * transaction that logged other accesses only is refused at once.
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
     * @throws LedgerException  if the chain node cannot be asked
     */
    LedgerEvent.AccessLogged require(LedgerConnectionFactory ledger, Bytes32 transaction, Bytes32 recordId,
            LedgerAddress proxy, long after) throws LedgerException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            List<LedgerEvent.AccessLogged> logged;
            LedgerAddress us;
            try (LedgerConnection chain = ledger.getConnection()) {
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
            if (!logged.isEmpty() || System.nanoTime() - deadline >= 0) {
                throw new SharingException(Failure.INTEGRITY_FAILURE, "proxy " + proxy + " named transaction "
                        + transaction + " as the on-chain log of this hospital's access to record "
                        + recordId.toString().substring(2) + ", but " + (match.isPresent()
                                ? "it was mined in block " + match.get().position().blockNumber() + ", before this "
                                        + "retrieval began (after block " + after + ")"
                                : logged.isEmpty() ? "this hospital's chain node shows no access logged in it"
                                        : "it logged other accesses only") + ": nothing was kept");
            }
            pause();
        }
    }

    private void pause() {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DependencyUnavailableException("interrupted while waiting for this hospital's chain node to "
                    + "show the proxy's access log: nothing was kept", e);
        }
    }
}
