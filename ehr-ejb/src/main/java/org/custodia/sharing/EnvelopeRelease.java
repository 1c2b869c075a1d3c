package org.custodia.sharing;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.custodia.access.AccessDeniedException;
import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditTrail;
import org.custodia.audit.AuditedAction;
import org.custodia.consortium.NotOnThisNodeException;
import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.kernel.InvalidInputException;
import org.custodia.kernel.NodeRole;
import org.custodia.kernel.NodeSettings;
import org.custodia.kernel.ServiceException;
import org.custodia.ledger.api.AccessBasis;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.Member;
import org.custodia.ledger.api.MemberRole;
import org.custodia.nodeapi.ForwardedCall;
import org.custodia.nodeapi.NodeApiBase;
import org.custodia.nodeapi.NodeCallAuthenticator;
import org.custodia.nodeapi.NodeCallRefusedException;
import org.custodia.nodeapi.VerifiedCaller;
import org.custodia.records.RecordDetails;
import org.custodia.records.RecordService;

/**
 * The custodian's side of a retrieval: hands a proxy the stored envelope of one of this hospital's records for an
 * accessor, once the accessor's own call to that proxy for that record, which the proxy forwards, verifies, and its
 * own chain node says that the accessor may read the record now; a proxy's word is never enough. The envelope
 * leaves as stored (encrypted for the patient's key): the proxy can only re-encapsulate it. A hospital that may read
 * the record may also have its title and date, which never go on chain ({@link #metadata}). Every release and every
 * refusal is audited with the caller as actor.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EnvelopeRelease {

    @Resource(lookup = "java:app/eis/ledger")
    private LedgerConnectionFactory ledger;

    @EJB
    private RecordService records;

    @EJB
    private AuditTrail audit;

    @Inject
    private NodeSettings settings;

    @Inject
    private NodeCallAuthenticator nodeCalls;

    /**
     * The envelope, to be streamed to the proxy and closed by the caller.
     *
     * @param asked the accessor's call to the proxy, as the proxy forwarded it; null when it forwarded none
     * @throws AccessDeniedException                when the proxy did not show that the accessor asked it for the
     *                                              record moments ago
     * @throws org.custodia.kernel.SharingException when the chain does not allow the accessor to read the record
     * @throws org.custodia.records.RecordNotFoundException if this hospital keeps no such anchored record
     */
    public InputStream release(VerifiedCaller proxy, String recordId, String accessor, ForwardedCall asked)
            throws IOException {
        String subject = recordId;
        try {
            NotOnThisNodeException.requireRole(settings, NodeRole.HOSPITAL, "envelope release");
            Bytes32 id = recordIdOf(recordId);
            subject = HexFormat.of().formatHex(id.toBytes());
            LedgerAddress member = accessorOf(accessor);
            requireAsked(proxy, id, member, asked);
            AccessBasis basis = basisFor(member, id, subject);
            InputStream envelope = records.openEnvelope(subject);
            try {
                audit.record(proxy.address(), AuditedAction.ENVELOPE_RELEASE, subject, AuditOutcome.SUCCEEDED,
                        "for " + member + ", basis " + basis.kind().name().toLowerCase(Locale.ROOT) + " "
                                + basis.id());
            } catch (RuntimeException e) {
                envelope.close();  // not released without its entry
                throw e;
            }
            return envelope;
        } catch (ServiceException e) {
            audit.record(proxy.address(), AuditedAction.ENVELOPE_RELEASE, subject, AuditOutcome.of(e), e.getMessage());
            throw e;
        } catch (IOException e) {
            audit.record(proxy.address(), AuditedAction.ENVELOPE_RELEASE, subject, AuditOutcome.FAILED,
                    "the envelope cannot be read: " + e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            audit.record(proxy.address(), AuditedAction.ENVELOPE_RELEASE, subject, AuditOutcome.FAILED,
                    "failed: " + e.getClass().getSimpleName());
            throw e;
        }
    }

    /**
     * A record's title and date for {@code hospital}, once this node's chain node says that it may read the record
     * now: what the chain does not hold, for the record it receives through a proxy.
     *
     * @throws NotOnThisNodeException          on a proxy node
     * @throws InvalidInputException           if the record id is malformed
     * @throws org.custodia.kernel.SharingException when the chain does not allow the hospital to read the record
     * @throws org.custodia.records.RecordNotFoundException if this hospital keeps no such anchored record of its own
     */
    public ReleasedMetadata metadata(VerifiedCaller hospital, String recordId) {
        String subject = recordId;
        try {
            NotOnThisNodeException.requireRole(settings, NodeRole.HOSPITAL, "record metadata");
            Bytes32 id = recordIdOf(recordId);
            subject = HexFormat.of().formatHex(id.toBytes());
            LedgerAddress member = accessorOf(hospital.address());
            AccessBasis basis = basisFor(member, id, subject);
            RecordDetails record = records.ownAnchored(subject);
            audit.record(hospital.address(), AuditedAction.RECORD_METADATA_RELEASE, subject, AuditOutcome.SUCCEEDED,
                    "basis " + basis.kind().name().toLowerCase(Locale.ROOT) + " " + basis.id());
            return new ReleasedMetadata(record.id(), record.title(), record.createdAt());
        } catch (ServiceException e) {
            audit.record(hospital.address(), AuditedAction.RECORD_METADATA_RELEASE, subject, AuditOutcome.of(e),
                    e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            audit.record(hospital.address(), AuditedAction.RECORD_METADATA_RELEASE, subject, AuditOutcome.FAILED,
                    "failed: " + e.getClass().getSimpleName());
            throw e;
        }
    }

    /** What a custodian tells a hospital that may read one of its records, beyond what the chain holds. */
    public record ReleasedMetadata(String recordId, String title, Instant createdAt) {
    }

    /** What allows {@code member}, which must be another hospital, to read the record now, as the chain says. */
    private AccessBasis basisFor(LedgerAddress member, Bytes32 id, String subject) {
        try (LedgerConnection chain = ledger.getConnection()) {
            requireOtherHospital(chain, member);
            return ChainAccess.basis(chain, id, member);
        } catch (LedgerException e) {
            throw new DependencyUnavailableException("the chain node cannot confirm that " + member + " may read "
                    + "record " + subject + ": " + e.getMessage(), e);
        }
    }

    /**
     * The accessor must be shown to have asked: its own call to this proxy for this record, signed within the node
     * API's window. Without it, a proxy colluding with one hospital could fetch any record another hospital may read
     * by naming that hospital, and re-encrypt it with a re-key it holds for the first.
     */
    private void requireAsked(VerifiedCaller proxy, Bytes32 id, LedgerAddress accessor, ForwardedCall asked) {
        if (asked == null) {
            throw new AccessDeniedException("the proxy forwarded no call of " + accessor + " for the record (or not "
                    + "exactly one of each of its fields): an envelope is released only for a hospital shown to have "
                    + "asked the proxy for it");
        }
        if (!asked.recordAskedOf(apiOf(proxy)).map(id::equals).orElse(false)) {
            throw new AccessDeniedException("the call the proxy forwarded did not ask this proxy for this record");
        }
        VerifiedCaller asker;
        try {
            asker = nodeCalls.verifyForwarded(asked);
        } catch (NodeCallRefusedException e) {
            throw new AccessDeniedException("the call of " + accessor + " that the proxy forwarded is refused: "
                    + e.reason().code() + ": " + e.getMessage());
        }
        if (!asker.address().equalsIgnoreCase(accessor.toString())) {
            throw new AccessDeniedException("the call the proxy forwarded was made by " + asker.address()
                    + ", not by the accessor " + accessor);
        }
    }

    /** The node API of {@code proxy} at its endpoint on chain, which the accessor's call was addressed to. */
    private NodeApiBase apiOf(VerifiedCaller proxy) {
        Member member;
        try (LedgerConnection chain = ledger.getConnection()) {
            member = chain.findMember(LedgerAddress.fromHex(proxy.address())).orElseThrow(
                    () -> new AccessDeniedException(proxy.address() + " is no longer a member of the consortium"));
        } catch (LedgerException e) {
            throw new DependencyUnavailableException("the chain node cannot give the endpoint of proxy "
                    + proxy.address() + ": " + e.getMessage(), e);
        }
        try {
            return NodeApiBase.of(member.endpoint().toString());
        } catch (IllegalArgumentException e) {
            throw new AccessDeniedException("the endpoint of proxy " + proxy.address() + " on chain is not a node URL: "
                    + e.getMessage());
        }
    }

    /**
     * Envelopes leave only for another hospital of the consortium: never for this node itself (the chain would answer
     * "custodian" and a proxy could collect every envelope) nor for a proxy or a stranger.
     */
    private static void requireOtherHospital(LedgerConnection chain, LedgerAddress member) throws LedgerException {
        if (member.equals(chain.account())) {
            throw new AccessDeniedException("an envelope is released to a proxy only for another hospital, never "
                    + "for its custodian");
        }
        if (chain.findMember(member).filter(found -> found.role() == MemberRole.HOSPITAL).isEmpty()) {
            throw new AccessDeniedException(member + " is not a hospital of the consortium");
        }
    }

    private static Bytes32 recordIdOf(String recordId) {
        try {
            return Bytes32.fromHex(recordId == null ? "" : recordId.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("a record id is 64 hex digits");
        }
    }

    private static LedgerAddress accessorOf(String accessor) {
        try {
            return LedgerAddress.fromHex(accessor == null ? "" : accessor);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("accessor must be a member's ledger address (0x and 40 hex digits)");
        }
    }
}
