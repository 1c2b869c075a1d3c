package org.custodia.ledger.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A connection to the consortium ledger: the access contracts' operations, signed with this node's account.
 *
 * <p>Every state-changing method returns once its transaction is mined (and confirmed, if the pool requires
 * confirmations). A refusal by a contract is a {@link ContractRefusalException} subtype and changes nothing; an
 * unreachable node is a {@link LedgerUnavailableException}. Arguments that cannot be valid are refused with an
 * {@link IllegalArgumentException} before anything is sent. Methods must not be called after {@link #close()}.
 */
public interface LedgerConnection extends AutoCloseable {

    /** The node's view of the chain and how its inbound event delivery keeps up, for health checks. */
    ChainStatus chainStatus() throws LedgerException;

    /** The account this node signs with. */
    LedgerAddress account();

    /**
     * Signs {@code message} with this node's account key, which never leaves the connector: a 65-byte recoverable
     * secp256k1 signature in the format {@link LedgerSignatures} describes and verifies. Touches no chain node.
     */
    byte[] sign(byte[] message);

    /**
     * The account whose key made {@code signature} over {@code message}: the same answers and refusals as
     * {@link LedgerSignatures#recoverSigner}, with the connector's faster secp256k1 arithmetic. Touches no chain node.
     *
     * @throws InvalidSignatureException when {@code signature} is not a well-formed signature at all
     */
    LedgerAddress recoverSigner(byte[] message, byte[] signature) throws InvalidSignatureException;

    /** The outcome of a transaction, if it was mined; for transactions a {@link LedgerUnavailableException} left open. */
    Optional<TransactionResult> findTransaction(Bytes32 transactionHash) throws LedgerException;

    /**
     * What the chain node knows of a transaction, mined or not; for transactions a {@link LedgerUnavailableException}
     * left open.
     */
    TransactionState transactionState(Bytes32 transactionHash) throws LedgerException;

    // Membership (consortium registry)

    /** Registers a member; only the consortium administrator may. */
    TransactionResult registerMember(Member member) throws LedgerException;

    /** Removes a member; only the consortium administrator may. */
    TransactionResult removeMember(LedgerAddress account) throws LedgerException;

    /**
     * Publishes this member's own endpoint and PRE public key (at most {@value Member#MAX_PRE_PUBLIC_KEY} bytes),
     * keeping its role and display name; emits {@code MemberUpdated}.
     */
    TransactionResult updateOwnProfile(URI endpoint, byte[] prePublicKey) throws LedgerException;

    Optional<Member> findMember(LedgerAddress account) throws LedgerException;

    /** Every current member, read in one call. */
    List<Member> members() throws LedgerException;

    // Records (record registry)

    /** Anchors a record (a listed category, a bare media type); the calling hospital becomes its custodian. */
    TransactionResult anchorRecord(RecordAnchor anchor) throws LedgerException;

    /**
     * The record's anchor, or empty when the chain has none. An anchor never changes once written, so a record found
     * once may be answered again without asking the chain node (also while it is out of reach); a record not found
     * is asked for each time.
     */
    Optional<AnchoredRecord> findRecord(Bytes32 recordId) throws LedgerException;

    /** Ids of the records anchored for a patient, oldest first: all of them, whatever the patient's history. */
    List<Bytes32> recordsOfPatient(Bytes32 patientPseudonym) throws LedgerException;

    /**
     * How many records are anchored for a patient. A record registry deployed before it could count them (an earlier
     * version of the contracts) is asked for the whole list instead.
     */
    long recordCountOfPatient(Bytes32 patientPseudonym) throws LedgerException;

    /**
     * Ids of the records anchored for a patient from place {@code start} (0 is the oldest), oldest first, at most
     * {@code count}: fewer at the end of the list, none from a place past it. A record registry deployed before it
     * could read a part of the list is asked for the whole list, of which the part is returned.
     *
     * @throws IllegalArgumentException if {@code start} or {@code count} is negative
     */
    List<Bytes32> recordsOfPatient(Bytes32 patientPseudonym, long start, int count) throws LedgerException;

    // Audit trail heads (record registry)

    /**
     * Anchors the head of this node's audit trail; hospitals and proxies alike may. Emits {@code AuditHeadAnchored}.
     *
     * @throws StateConflictException when its sequence is not above this member's newest anchored one
     *         ({@code AuditSequenceNotIncreasing})
     */
    TransactionResult anchorAuditHead(AuditHead head) throws LedgerException;

    /** How many audit trail heads {@code member} has anchored. */
    long auditHeadCount(LedgerAddress member) throws LedgerException;

    /** The audit trail head {@code member} anchored at {@code index} (0 the oldest); empty past the newest. */
    Optional<AnchoredAuditHead> findAuditHead(LedgerAddress member, long index) throws LedgerException;

    // Consent (consent registry)

    /** Grants {@code grantee} access to the calling custodian's records in {@code scope}; returns the grant id. */
    Issued grant(AccessScope scope, LedgerAddress grantee, String purpose, Instant expiresAt) throws LedgerException;

    /** Revokes a grant the calling custodian issued. */
    TransactionResult revokeGrant(long grantId) throws LedgerException;

    /** Asks {@code custodian} for access to its records in {@code scope}; returns the request id. */
    Issued requestAccess(AccessScope scope, LedgerAddress custodian, String purpose) throws LedgerException;

    /** Approves a pending request addressed to the calling custodian; returns the id of the grant it issues. */
    Issued approveRequest(long requestId, Instant expiresAt) throws LedgerException;

    /** Denies a pending request addressed to the calling custodian. */
    TransactionResult denyRequest(long requestId) throws LedgerException;

    /**
     * Declares break-glass access to all records of a patient, with a reason from the closed list; returns the
     * declaration id.
     *
     * @throws StateConflictException when this node's previous declaration for the patient is still active
     *         ({@code EmergencyAccessActive})
     */
    Issued declareEmergencyAccess(Bytes32 patientPseudonym, EmergencyReason reason) throws LedgerException;

    /**
     * Marks an emergency declaration reviewed; only a custodian of the patient other than the declarer may.
     *
     * @throws NotAuthorizedException when this node declared it ({@code DeclarerCannotReview}) or holds no record
     *         of the patient ({@code NotCustodian})
     */
    TransactionResult markEmergencyReviewed(long emergencyId) throws LedgerException;

    /** Logs that this proxy served {@code recordId} to {@code accessor}; refused unless access is allowed now. */
    Issued logAccess(Bytes32 recordId, LedgerAddress accessor) throws LedgerException;

    /**
     * The accesses the consent registry logged in a transaction, in log order: empty when the transaction is unknown
     * to the chain node, not mined, failed, or logged none. Logs of any other contract are ignored, so a look-alike
     * event cannot pass for a logged access.
     */
    List<LedgerEvent.AccessLogged> accessLogsIn(Bytes32 transactionHash) throws LedgerException;

    /** Whether {@code member} may read {@code recordId} now. */
    boolean hasAccess(Bytes32 recordId, LedgerAddress member) throws LedgerException;

    /**
     * What allows {@code member} to read {@code recordId} now.
     *
     * @throws NotAuthorizedException  when nothing does (or the member is unknown)
     * @throws GrantRevokedException   when the closest grant was revoked
     * @throws GrantExpiredException   when the closest grant or emergency access expired
     */
    AccessBasis checkAccess(Bytes32 recordId, LedgerAddress member) throws LedgerException;

    Optional<Grant> findGrant(long grantId) throws LedgerException;

    Optional<AccessRequest> findAccessRequest(long requestId) throws LedgerException;

    Optional<EmergencyAccess> findEmergencyAccess(long emergencyId) throws LedgerException;

    /** Returns the connection to its pool. */
    @Override
    void close();
}
