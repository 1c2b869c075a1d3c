package org.custodia.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.custodia.ledger.api.AnchoredAuditHead;
import org.custodia.ledger.api.AuditHead;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerUnavailableException;
import org.custodia.ledger.api.StateConflictException;
import org.custodia.ledger.api.TransactionResult;
import org.custodia.ledger.api.TransactionState;
import org.custodia.testing.FakeChain;

/**
 * The record registry's audit heads of this node's account in memory, with the contract's rule (each anchor's
 * sequence above the one before), standing in for the ledger connector where no container runs. It can be down, it
 * can lose the answer to an anchor it did mine, and it can hold an anchor in its pool, unmined, until
 * {@link #minePool}.
 */
final class InMemoryAuditHeads {

    enum Mode { UP, DOWN, LOSE_ANSWER, POOL }

    static final LedgerAddress ACCOUNT = LedgerAddress.fromHex("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");

    private final List<AnchoredAuditHead> heads = new ArrayList<>();
    private final List<Bytes32> mined = new ArrayList<>();
    private final Map<Bytes32, AuditHead> pool = new LinkedHashMap<>();
    private final FakeChain ledger = new FakeChain()
            .answering("account", arguments -> ACCOUNT)
            .answering("auditHeadCount", arguments -> {
                requireUp();
                return (long) headsOf(arguments[0]).size();
            })
            .answering("findAuditHead", arguments -> {
                requireUp();
                List<AnchoredAuditHead> of = headsOf(arguments[0]);
                long index = (Long) arguments[1];
                return index < of.size() ? Optional.of(of.get((int) index)) : Optional.empty();
            })
            .answering("anchorAuditHead", arguments -> anchor((AuditHead) arguments[0]))
            .answering("transactionState", arguments -> {
                requireUp();
                return pool.containsKey(arguments[0]) ? TransactionState.PENDING
                        : mined.contains(arguments[0]) ? TransactionState.MINED : TransactionState.UNKNOWN;
            });
    private Mode mode = Mode.UP;
    private int anchorsSent;

    /** The connector whose connections reach these heads. */
    FakeChain ledger() {
        return ledger;
    }

    LedgerConnection connection() {
        return ledger.getConnection();
    }

    void mode(Mode mode) {
        this.mode = mode;
    }

    /** Anchor transactions that reached the registry (accepted or refused). */
    int anchorsSent() {
        return anchorsSent;
    }

    List<AnchoredAuditHead> heads() {
        return List.copyOf(heads);
    }

    /** Mines what the pool holds, in the order sent. */
    void minePool() throws LedgerUnavailableException, StateConflictException {
        Map<Bytes32, AuditHead> pooled = new LinkedHashMap<>(pool);
        pool.clear();
        for (Map.Entry<Bytes32, AuditHead> sent : pooled.entrySet()) {
            mine(sent.getValue());
            mined.add(sent.getKey());
        }
    }

    /** What {@code anchorAuditHead} does: the next block anchors {@code head}, unless its sequence is not above. */
    TransactionResult anchor(AuditHead head) throws LedgerUnavailableException, StateConflictException {
        requireUp();
        anchorsSent++;
        if (mode == Mode.POOL) {
            Bytes32 transaction = Bytes32.fromHex("%064x".formatted(10_000 + anchorsSent));
            pool.put(transaction, head);
            throw new LedgerUnavailableException("no receipt yet", transaction, null);
        }
        return mine(head);
    }

    private TransactionResult mine(AuditHead head) throws LedgerUnavailableException, StateConflictException {
        if (!heads.isEmpty() && heads.get(heads.size() - 1).head().sequence() >= head.sequence()) {
            throw new StateConflictException("AuditSequenceNotIncreasing", "AuditSequenceNotIncreasing(sequence="
                    + head.sequence() + ")");
        }
        long block = 100 + heads.size();
        heads.add(new AnchoredAuditHead(head, block, Instant.parse("2026-12-01T08:00:00Z").plusSeconds(block)));
        Bytes32 transaction = Bytes32.fromHex("%064x".formatted(block));
        mined.add(transaction);
        TransactionResult result = new TransactionResult(transaction, block, Bytes32.fromHex("%064x".formatted(
                1000 + block)));
        if (mode == Mode.LOSE_ANSWER) {
            throw new LedgerUnavailableException("node went away waiting for the receipt", transaction, null);
        }
        return result;
    }

    private List<AnchoredAuditHead> headsOf(Object member) {
        return ACCOUNT.equals(member) ? heads : List.of();
    }

    private void requireUp() throws LedgerUnavailableException {
        if (mode == Mode.DOWN) {
            throw new LedgerUnavailableException("chain node http://127.0.0.1:1 is not answering", null);
        }
    }
}
