package org.custodia.records;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.custodia.ledger.api.AccessBasis;
import org.custodia.ledger.api.AccessRequest;
import org.custodia.ledger.api.AccessScope;
import org.custodia.ledger.api.AlreadyAnchoredException;
import org.custodia.ledger.api.AnchoredAuditHead;
import org.custodia.ledger.api.AnchoredRecord;
import org.custodia.ledger.api.AuditHead;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.ChainStatus;
import org.custodia.ledger.api.EmergencyAccess;
import org.custodia.ledger.api.EmergencyReason;
import org.custodia.ledger.api.Grant;
import org.custodia.ledger.api.Issued;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerEvent;
import org.custodia.ledger.api.LedgerUnavailableException;
import org.custodia.ledger.api.Member;
import org.custodia.ledger.api.RecordAnchor;
import org.custodia.ledger.api.TransactionResult;
import org.custodia.ledger.api.TransactionState;

/**
 * The record registry's anchoring rules in memory (immutable anchors, {@code AlreadyAnchored} on a second anchor),
 * standing in for the ledger connector where no container runs. It can be down, and it can lose the answer to an
 * anchor it did mine, as a node that goes away after accepting a transaction does.
 */
final class InMemoryChain implements LedgerConnection {

    enum Mode { UP, DOWN, LOSE_ANSWER }

    private final LedgerAddress account;
    private final Map<Bytes32, AnchoredRecord> records = new HashMap<>();
    private final Map<Bytes32, TransactionResult> transactions = new HashMap<>();
    private final Set<Bytes32> pool = new HashSet<>();
    private final AtomicLong blocks = new AtomicLong();
    private Mode mode = Mode.UP;
    private Runnable handedOver;
    private int anchorsSent;

    InMemoryChain(LedgerAddress account) {
        this.account = account;
    }

    void mode(Mode mode) {
        this.mode = mode;
    }

    /** Anchor transactions that reached the registry (accepted or refused). */
    int anchorsSent() {
        return anchorsSent;
    }

    /** Has the node hold {@code transaction} unmined in its pool, as a chain that mines no blocks for a while would. */
    void pool(Bytes32 transaction) {
        pool.add(transaction);
    }

    /**
     * Mines {@code transaction} as an anchor of {@code anchor} by this account just before the next anchor is sent,
     * as the connector does with a transaction the node lost (a restart): it hands it over again first.
     */
    void mineBeforeNextSend(Bytes32 transaction, RecordAnchor anchor) {
        handedOver = () -> {
            records.put(anchor.recordId(), new AnchoredRecord(anchor, account, Instant.now()));
            long block = blocks.incrementAndGet();
            transactions.put(transaction, new TransactionResult(transaction, block, Bytes32.of(padded(1000 + block))));
        };
    }

    /** Puts an anchor on chain as another account, e.g. a hospital that took the same record id. */
    void anchorAs(LedgerAddress custodian, RecordAnchor anchor) {
        records.put(anchor.recordId(), new AnchoredRecord(anchor, custodian, Instant.now()));
    }

    @Override
    public TransactionResult anchorRecord(RecordAnchor anchor) throws LedgerUnavailableException,
            AlreadyAnchoredException {
        requireUp();
        if (handedOver != null) {
            handedOver.run();
            handedOver = null;
        }
        anchorsSent++;
        if (records.containsKey(anchor.recordId())) {
            throw new AlreadyAnchoredException("AlreadyAnchored", "AlreadyAnchored(" + anchor.recordId() + ")");
        }
        records.put(anchor.recordId(), new AnchoredRecord(anchor, account, Instant.now()));
        long block = blocks.incrementAndGet();
        Bytes32 hash = Bytes32.of(padded(block));
        TransactionResult result = new TransactionResult(hash, block, Bytes32.of(padded(1000 + block)));
        transactions.put(hash, result);
        if (mode == Mode.LOSE_ANSWER) {
            throw new LedgerUnavailableException("node went away waiting for the receipt", hash, null);
        }
        return result;
    }

    @Override
    public Optional<AnchoredRecord> findRecord(Bytes32 recordId) throws LedgerUnavailableException {
        requireUp();
        return Optional.ofNullable(records.get(recordId));
    }

    @Override
    public Optional<TransactionResult> findTransaction(Bytes32 transactionHash) throws LedgerUnavailableException {
        requireUp();
        return Optional.ofNullable(transactions.get(transactionHash));
    }

    @Override
    public TransactionState transactionState(Bytes32 transactionHash) throws LedgerUnavailableException {
        requireUp();
        if (transactions.containsKey(transactionHash)) {
            return TransactionState.MINED;
        }
        return pool.contains(transactionHash) ? TransactionState.PENDING : TransactionState.UNKNOWN;
    }

    @Override
    public LedgerAddress account() {
        return account;
    }

    private void requireUp() throws LedgerUnavailableException {
        if (mode == Mode.DOWN) {
            throw new LedgerUnavailableException("chain node http://127.0.0.1:1 is not answering", null);
        }
    }

    private static byte[] padded(long value) {
        byte[] bytes = new byte[Bytes32.LENGTH];
        for (int i = 0; i < Long.BYTES; i++) {
            bytes[Bytes32.LENGTH - 1 - i] = (byte) (value >>> (8 * i));
        }
        return bytes;
    }

    // Not used by anchoring

    @Override
    public ChainStatus chainStatus() {
        throw new UnsupportedOperationException();
    }

    @Override
    public TransactionResult registerMember(Member member) {
        throw new UnsupportedOperationException();
    }

    @Override
    public TransactionResult removeMember(LedgerAddress member) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Member> findMember(LedgerAddress member) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Member> members() {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Bytes32> recordsOfPatient(Bytes32 patientPseudonym) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long recordCountOfPatient(Bytes32 patientPseudonym) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Bytes32> recordsOfPatient(Bytes32 patientPseudonym, long start, int count) {
        throw new UnsupportedOperationException();
    }

    @Override
    public TransactionResult anchorAuditHead(AuditHead head) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long auditHeadCount(LedgerAddress member) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<AnchoredAuditHead> findAuditHead(LedgerAddress member, long index) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Issued grant(AccessScope scope, LedgerAddress grantee, String purpose, Instant expiresAt) {
        throw new UnsupportedOperationException();
    }

    @Override
    public TransactionResult revokeGrant(long grantId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Issued requestAccess(AccessScope scope, LedgerAddress custodian, String purpose) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Issued approveRequest(long requestId, Instant expiresAt) {
        throw new UnsupportedOperationException();
    }

    @Override
    public TransactionResult denyRequest(long requestId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Issued declareEmergencyAccess(Bytes32 patientPseudonym, EmergencyReason reason) {
        throw new UnsupportedOperationException();
    }

    @Override
    public byte[] sign(byte[] message) {
        throw new UnsupportedOperationException();
    }

    @Override
    public LedgerAddress recoverSigner(byte[] message, byte[] signature) {
        throw new UnsupportedOperationException();
    }

    @Override
    public TransactionResult updateOwnProfile(URI endpoint, byte[] prePublicKey) {
        throw new UnsupportedOperationException();
    }

    @Override
    public TransactionResult markEmergencyReviewed(long emergencyId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Issued logAccess(Bytes32 recordId, LedgerAddress accessor) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<LedgerEvent.AccessLogged> accessLogsIn(Bytes32 transactionHash) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean hasAccess(Bytes32 recordId, LedgerAddress member) {
        throw new UnsupportedOperationException();
    }

    @Override
    public AccessBasis checkAccess(Bytes32 recordId, LedgerAddress member) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Grant> findGrant(long grantId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<AccessRequest> findAccessRequest(long requestId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<EmergencyAccess> findEmergencyAccess(long emergencyId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
        // nothing pooled
    }
}
