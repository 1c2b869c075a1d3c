package org.custodia.ledger.adapter;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.custodia.ledger.adapter.chain.ContractLedger;
import org.custodia.ledger.api.AccessBasis;
import org.custodia.ledger.api.AccessRequest;
import org.custodia.ledger.api.AccessScope;
import org.custodia.ledger.api.AnchoredAuditHead;
import org.custodia.ledger.api.AnchoredRecord;
import org.custodia.ledger.api.AuditHead;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.ChainStatus;
import org.custodia.ledger.api.EmergencyAccess;
import org.custodia.ledger.api.EmergencyReason;
import org.custodia.ledger.api.Grant;
import org.custodia.ledger.api.InvalidSignatureException;
import org.custodia.ledger.api.Issued;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerEvent;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.Member;
import org.custodia.ledger.api.RecordAnchor;
import org.custodia.ledger.api.TransactionResult;
import org.custodia.ledger.api.TransactionState;

/**
 * What the application holds: delegates to its managed connection, refuses use after {@link #close()} or after
 * the container reclaimed it, and reports its closing to the container.
 */
public final class LedgerConnectionHandle implements LedgerConnection {

    private volatile LedgerManagedConnection managed;
    private volatile boolean closed;
    /**
     * Patients' whole lists of record ids, read from a record registry that cannot read parts of them (an earlier
     * version's): kept while this handle is open, so that one caller's count and parts read each list once.
     */
    private final Map<Bytes32, List<Bytes32>> wholeRecordLists = new ConcurrentHashMap<>();

    LedgerConnectionHandle(LedgerManagedConnection managed) {
        this.managed = managed;
    }

    void reassociate(LedgerManagedConnection target) {
        LedgerManagedConnection previous = managed;
        if (previous != null && previous != target) {
            previous.handleMoved(this);
        }
        managed = target;
    }

    void invalidate() {
        closed = true;
        managed = null;
    }

    private LedgerManagedConnection open() {
        LedgerManagedConnection current = managed;
        if (closed || current == null) {
            throw new IllegalStateException("this ledger connection is closed; get a new one from the factory");
        }
        return current;
    }

    private ContractLedger ledger() {
        return open().ledger();
    }

    @Override
    public void close() {
        LedgerManagedConnection current = managed;
        if (closed) {
            return;
        }
        closed = true;
        managed = null;
        if (current != null) {
            current.handleClosed(this);
        }
    }

    @Override
    public ChainStatus chainStatus() throws LedgerException {
        LedgerManagedConnection current = open();
        return current.ledger().chainStatus(current.eventDeliveries());
    }

    @Override
    public LedgerAddress account() {
        return ledger().account();
    }

    @Override
    public byte[] sign(byte[] message) {
        return ledger().sign(message);
    }

    @Override
    public LedgerAddress recoverSigner(byte[] message, byte[] signature) throws InvalidSignatureException {
        return ledger().recoverSigner(message, signature);
    }

    @Override
    public Optional<TransactionResult> findTransaction(Bytes32 transactionHash) throws LedgerException {
        return ledger().findTransaction(transactionHash);
    }

    @Override
    public TransactionState transactionState(Bytes32 transactionHash) throws LedgerException {
        return ledger().transactionState(transactionHash);
    }

    @Override
    public TransactionResult registerMember(Member member) throws LedgerException {
        return ledger().registerMember(member);
    }

    @Override
    public TransactionResult removeMember(LedgerAddress account) throws LedgerException {
        return ledger().removeMember(account);
    }

    @Override
    public TransactionResult updateOwnProfile(URI endpoint, byte[] prePublicKey) throws LedgerException {
        return ledger().updateOwnProfile(endpoint, prePublicKey);
    }

    @Override
    public Optional<Member> findMember(LedgerAddress account) throws LedgerException {
        return ledger().findMember(account);
    }

    @Override
    public List<Member> members() throws LedgerException {
        return ledger().members();
    }

    @Override
    public TransactionResult anchorRecord(RecordAnchor anchor) throws LedgerException {
        return ledger().anchorRecord(anchor);
    }

    @Override
    public Optional<AnchoredRecord> findRecord(Bytes32 recordId) throws LedgerException {
        return ledger().findRecord(recordId);
    }

    @Override
    public List<Bytes32> recordsOfPatient(Bytes32 patientPseudonym) throws LedgerException {
        return ledger().recordsOfPatient(patientPseudonym);
    }

    @Override
    public long recordCountOfPatient(Bytes32 patientPseudonym) throws LedgerException {
        return ledger().recordCountOfPatient(patientPseudonym, wholeRecordLists);
    }

    @Override
    public List<Bytes32> recordsOfPatient(Bytes32 patientPseudonym, long start, int count) throws LedgerException {
        return ledger().recordsOfPatient(patientPseudonym, start, count, wholeRecordLists);
    }

    @Override
    public TransactionResult anchorAuditHead(AuditHead head) throws LedgerException {
        return ledger().anchorAuditHead(head);
    }

    @Override
    public long auditHeadCount(LedgerAddress member) throws LedgerException {
        return ledger().auditHeadCount(member);
    }

    @Override
    public Optional<AnchoredAuditHead> findAuditHead(LedgerAddress member, long index) throws LedgerException {
        return ledger().findAuditHead(member, index);
    }

    @Override
    public Issued grant(AccessScope scope, LedgerAddress grantee, String purpose, Instant expiresAt)
            throws LedgerException {
        return ledger().grant(scope, grantee, purpose, expiresAt);
    }

    @Override
    public TransactionResult revokeGrant(long grantId) throws LedgerException {
        return ledger().revokeGrant(grantId);
    }

    @Override
    public Issued requestAccess(AccessScope scope, LedgerAddress custodian, String purpose) throws LedgerException {
        return ledger().requestAccess(scope, custodian, purpose);
    }

    @Override
    public Issued approveRequest(long requestId, Instant expiresAt) throws LedgerException {
        return ledger().approveRequest(requestId, expiresAt);
    }

    @Override
    public TransactionResult denyRequest(long requestId) throws LedgerException {
        return ledger().denyRequest(requestId);
    }

    @Override
    public Issued declareEmergencyAccess(Bytes32 patientPseudonym, EmergencyReason reason) throws LedgerException {
        return ledger().declareEmergencyAccess(patientPseudonym, reason);
    }

    @Override
    public TransactionResult markEmergencyReviewed(long emergencyId) throws LedgerException {
        return ledger().markEmergencyReviewed(emergencyId);
    }

    @Override
    public Issued logAccess(Bytes32 recordId, LedgerAddress accessor) throws LedgerException {
        return ledger().logAccess(recordId, accessor);
    }

    @Override
    public boolean hasAccess(Bytes32 recordId, LedgerAddress member) throws LedgerException {
        return ledger().hasAccess(recordId, member);
    }

    @Override
    public List<LedgerEvent.AccessLogged> accessLogsIn(Bytes32 transactionHash) throws LedgerException {
        return ledger().accessLogsIn(transactionHash);
    }

    @Override
    public AccessBasis checkAccess(Bytes32 recordId, LedgerAddress member) throws LedgerException {
        return ledger().checkAccess(recordId, member);
    }

    @Override
    public Optional<Grant> findGrant(long grantId) throws LedgerException {
        return ledger().findGrant(grantId);
    }

    @Override
    public Optional<AccessRequest> findAccessRequest(long requestId) throws LedgerException {
        return ledger().findAccessRequest(requestId);
    }

    @Override
    public Optional<EmergencyAccess> findEmergencyAccess(long emergencyId) throws LedgerException {
        return ledger().findEmergencyAccess(emergencyId);
    }
}
