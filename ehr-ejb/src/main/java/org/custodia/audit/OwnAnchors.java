package org.custodia.audit;

import java.util.Optional;

import org.custodia.ledger.api.AnchoredAuditHead;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerException;

/** The audit trail heads this node's account anchored on chain, as counted when read, through an open connection. */
final class OwnAnchors {

    private final LedgerConnection chain;
    private final long count;

    private OwnAnchors(LedgerConnection chain, long count) {
        this.chain = chain;
        this.count = count;
    }

    static OwnAnchors on(LedgerConnection chain) throws LedgerException {
        return new OwnAnchors(chain, chain.auditHeadCount(chain.account()));
    }

    long count() {
        return count;
    }

    /** The head anchored at {@code index}, 0 the oldest, below {@link #count()}. */
    AnchoredAuditHead at(long index) throws LedgerException {
        return chain.findAuditHead(chain.account(), index).orElseThrow(() -> new LedgerException("the chain counts "
                + count + " audit trail heads anchored by " + chain.account() + " but has none at index " + index));
    }

    /** The newest head, if any was anchored. */
    Optional<AnchoredAuditHead> newest() throws LedgerException {
        return count == 0 ? Optional.empty() : Optional.of(at(count - 1));
    }
}
