package org.custodia.sharing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.custodia.access.AuditSubject;
import org.custodia.access.Audited;
import org.custodia.access.AuditedCall;
import org.custodia.audit.AuditedAction;
import org.custodia.consortium.NotOnThisNodeException;
import org.custodia.kernel.ChainListPage;
import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.kernel.Failure;
import org.custodia.kernel.Given;
import org.custodia.kernel.InvalidInputException;
import org.custodia.kernel.NodeRole;
import org.custodia.kernel.NodeSettings;
import org.custodia.kernel.ServiceException;
import org.custodia.ledger.SentTransactions;
import org.custodia.ledger.api.AccessRequest;
import org.custodia.ledger.api.AccessScope;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.EmergencyAccess;
import org.custodia.ledger.api.EmergencyReason;
import org.custodia.ledger.api.ContractRefusalException;
import org.custodia.ledger.api.Grant;
import org.custodia.ledger.api.InvalidLedgerInputException;
import org.custodia.ledger.api.Issued;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.LedgerUnavailableException;
import org.custodia.ledger.api.Member;
import org.custodia.ledger.api.MemberRole;
import org.custodia.ledger.api.NotAuthorizedException;
import org.custodia.ledger.api.StateConflictException;
import org.custodia.ledger.api.UnknownEntryException;
import org.custodia.patients.PatientCustody;
import org.custodia.patients.PatientRegistry;
import org.custodia.patients.Pseudonym;
import org.custodia.records.RecordStore;

/**
 * Consent as a hospital's staff handle it: access requests to other hospitals and their decisions here, grants,
 * revocations, and break-glass access with its review. Every change is a transaction on the consent registry,
 * sent while the caller waits (staff need the id, or the registry's refusal); the re-keys that follow a change
 * reach the proxies through the outbox. Lists come from this node's index of the entries that concern it, a page at a
 * time, with each entry's current state read from the chain. Served by hospital nodes only; runs outside transactions.
 *
 * <p>What a change is about to do is written before its transaction is sent ({@link AuditedCall#writeAhead}), so
 * that a node stopping before its entry still names the staff member who made it. Once its transaction is mined, a
 * change has happened whatever follows: it is audited as succeeded at once
 * ({@link AuditedCall#succeededIrrevocably()}), and what follows (noting it in the index, reading it back) only logs a
 * failure and answers the entry as sent. A transaction sent but not confirmed in time may still take effect: the
 * refusal names it, and the same grant or request is held back meanwhile ({@link PendingConsentSends}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ConsentService {

    private static final Logger LOG = Logger.getLogger(ConsentService.class.getName());

    /** The longest a grant may run: longer consents are renewed, not issued for ever. */
    static final Duration MAX_GRANT = Duration.ofDays(366 * 5);
    /** The shortest a grant may run: an expiry sooner than this would lapse before the re-key reached a proxy. */
    static final Duration MIN_GRANT = Duration.ofMinutes(1);

    @Resource(lookup = "java:app/eis/ledger")
    private LedgerConnectionFactory ledger;

    @EJB
    private PatientRegistry patients;

    @EJB
    private ConsentRefs refs;

    @EJB
    private RecordStore records;

    @EJB
    private ConsentSchedule schedule;

    @Inject
    private NodeSettings settings;

    @Inject
    private PendingConsentSends sends;

    /** The consent registry's refusals of what a grant, a request or a declaration covers. */
    private static final Set<String> SCOPE_REFUSALS = Set.of("NotCustodian", "UnknownRecord", "UnknownPatient");
    /** A declaration's end in a refusal's words. */
    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final Clock clock = Clock.systemUTC();

    /** Asks {@code custodian} for access to its records of a patient of this node. */
    @Audited(AuditedAction.ACCESS_REQUEST_CREATE)
    public AccessRequestDetails requestAccess(@AuditSubject Given<UUID> patientId, String custodian,
            ScopeRequest scope, String purpose) {
        requireHospital();
        PatientCustody patient = patients.custody(patientId.value());
        AccessScope onChain = scopeOf(scope, patient);
        Purpose why = Purpose.ofCode(purpose);
        try (LedgerConnection chain = ledger.getConnection()) {
            MemberNames names = new MemberNames(chain);
            LedgerAddress to = otherHospital(chain, custodian, "custodian");
            AuditedCall.current().writeAhead("request to " + to + ", " + onChain.kind() + ", " + why.code());
            Issued issued = sends.sendOnce(new PendingConsentSends.Change(ConsentKind.REQUEST, onChain, to,
                    why.code()), chain, () -> chain.requestAccess(onChain, to, why.code()));
            AuditedCall.current().detail("request " + issued.id() + " to " + to + ", " + onChain.kind() + ", "
                    + why.code()).succeededIrrevocably();
            String what = "access request " + issued.id();
            afterChange(what, () -> refs.remember(ConsentKind.REQUEST, issued.id(), Direction.OUTGOING,
                    patient.pseudonym().hex(), to.toString(), null));
            return readBack(what, () -> chain.findAccessRequest(issued.id())
                            .map(request -> requestDetails(request, Direction.OUTGOING, names)))
                    .orElseGet(() -> new AccessRequestDetails(issued.id(), Direction.OUTGOING, patient.patientId(),
                            chain.account().toString(), to.toString(), ScopeDetails.of(onChain), why.code(),
                            clock.instant(), "pending", null, names.of(chain.account()), names.of(to)));
        } catch (LedgerException e) {
            throw refusedForItsScope("the access request", e);
        } catch (RuntimeException e) {
            throw unexpected(e);
        }
    }

    /** Requests other hospitals addressed to this node, newest first; {@code status} filters when given. */
    @Audited(AuditedAction.ACCESS_REQUESTS_INCOMING_READ)
    public ChainListPage<AccessRequestDetails> incomingRequests(String status, ChainListPage.Window window) {
        return requests(Direction.INCOMING, status, window);
    }

    /** Requests this node sent, newest first; {@code status} filters when given. */
    @Audited(AuditedAction.ACCESS_REQUESTS_OUTGOING_READ)
    public ChainListPage<AccessRequestDetails> outgoingRequests(String status, ChainListPage.Window window) {
        return requests(Direction.OUTGOING, status, window);
    }

    /** Approves a pending request addressed to this node; the grant runs until {@code expiresAt}. */
    @Audited(AuditedAction.ACCESS_REQUEST_APPROVE)
    public GrantDetails approve(@AuditSubject long requestId, Given<Instant> until) {
        requireHospital();
        Instant expiresAt = requireExpiry(until);
        try (LedgerConnection chain = ledger.getConnection()) {
            MemberNames names = new MemberNames(chain);
            AccessRequest request = pendingIncomingRequest(chain, requestId);
            requireListedPurpose(request);
            UUID patient = localPatient(request.scope().patientPseudonym());
            AuditedCall.current().writeAhead("approval of request " + requestId + " from " + request.requester()
                    + ", a grant until " + expiresAt);
            Issued issued = chain.approveRequest(requestId, expiresAt);
            AuditedCall.current().detail("grant " + issued.id() + " to " + request.requester() + " until " + expiresAt)
                    .succeededIrrevocably();
            afterChange("request " + requestId, () -> refs.mark(ConsentKind.REQUEST, requestId, true));
            issuedGrant(issued.id(), request.scope().patientPseudonym(), request.requester(), expiresAt);
            return readBack("grant " + issued.id(), () -> chain.findGrant(issued.id())
                            .map(grant -> grantDetails(grant, Direction.OUTGOING, names)))
                    .orElseGet(() -> new GrantDetails(issued.id(), Direction.OUTGOING, patient,
                            request.custodian().toString(), request.requester().toString(),
                            ScopeDetails.of(request.scope()), request.purpose(), clock.instant(), expiresAt, null,
                            "active", requestId, names.of(request.requester())));
        } catch (LedgerException e) {
            throw refused("the approval of request " + requestId, e);
        } catch (RuntimeException e) {
            throw unexpected(e);
        }
    }

    /** Denies a pending request addressed to this node. */
    @Audited(AuditedAction.ACCESS_REQUEST_DENY)
    public AccessRequestDetails deny(@AuditSubject long requestId) {
        requireHospital();
        try (LedgerConnection chain = ledger.getConnection()) {
            MemberNames names = new MemberNames(chain);
            AccessRequestDetails before = requestDetails(pendingIncomingRequest(chain, requestId), Direction.INCOMING,
                    names);
            AuditedCall.current().writeAhead("denial of request " + requestId + " from " + before.requester());
            chain.denyRequest(requestId);
            AuditedCall.current().detail("request " + requestId + " from " + before.requester() + " denied")
                    .succeededIrrevocably();
            afterChange("request " + requestId, () -> refs.mark(ConsentKind.REQUEST, requestId, true));
            return readBack("access request " + requestId, () -> chain.findAccessRequest(requestId)
                            .map(request -> requestDetails(request, Direction.INCOMING, names)))
                    .orElseGet(() -> new AccessRequestDetails(requestId, Direction.INCOMING, before.patientId(),
                            before.requester(), before.custodian(), before.scope(), before.purpose(),
                            before.requestedAt(), "denied", null, before.requesterName(), before.custodianName()));
        } catch (LedgerException e) {
            throw refused("the denial of request " + requestId, e);
        } catch (RuntimeException e) {
            throw unexpected(e);
        }
    }

    /** Grants {@code grantee} access to this node's records of a patient, without a request. */
    @Audited(AuditedAction.GRANT_CREATE)
    public GrantDetails grant(@AuditSubject Given<UUID> patientId, String grantee, ScopeRequest scope, String purpose,
            Given<Instant> until) {
        requireHospital();
        PatientCustody patient = patients.custody(patientId.value());
        AccessScope onChain = scopeOf(scope, patient);
        Purpose why = Purpose.ofCode(purpose);
        Instant expiresAt = requireExpiry(until);
        try (LedgerConnection chain = ledger.getConnection()) {
            MemberNames names = new MemberNames(chain);
            LedgerAddress to = otherHospital(chain, grantee, "grantee");
            AuditedCall.current().writeAhead("grant to " + to + ", " + onChain.kind() + ", " + why.code() + ", until "
                    + expiresAt);
            Issued issued = sends.sendOnce(new PendingConsentSends.Change(ConsentKind.GRANT, onChain, to,
                    why.code()), chain, () -> chain.grant(onChain, to, why.code(), expiresAt));
            AuditedCall.current().detail("grant " + issued.id() + " to " + to + ", " + onChain.kind() + ", "
                    + why.code() + ", until " + expiresAt).succeededIrrevocably();
            issuedGrant(issued.id(), onChain.patientPseudonym(), to, expiresAt);
            return readBack("grant " + issued.id(), () -> chain.findGrant(issued.id())
                            .map(grant -> grantDetails(grant, Direction.OUTGOING, names)))
                    .orElseGet(() -> new GrantDetails(issued.id(), Direction.OUTGOING, patient.patientId(),
                            chain.account().toString(), to.toString(), ScopeDetails.of(onChain), why.code(),
                            clock.instant(), expiresAt, null, "active", null, names.of(to)));
        } catch (LedgerException e) {
            throw refusedForItsScope("the grant", e);
        } catch (RuntimeException e) {
            throw unexpected(e);
        }
    }

    /**
     * The grants this node issued for a patient, newest first, a page at a time: only the window's grants are read
     * from the chain, however many the patient's history holds.
     */
    @Audited(AuditedAction.GRANTS_READ)
    public ChainListPage<GrantDetails> grants(@AuditSubject Given<UUID> patientId, ChainListPage.Window window) {
        requireHospital();
        PatientCustody patient = patients.custody(patientId.value());
        Candidates candidates = Candidates.of(window, count -> refs.ofPatient(ConsentKind.GRANT,
                Direction.OUTGOING, patient.pseudonym().hex(), window.before(), count));
        try (LedgerConnection chain = ledger.getConnection()) {
            MemberNames names = new MemberNames(chain);
            List<GrantDetails> grants = new ArrayList<>();
            for (ConsentRef ref : candidates.shown()) {
                Optional<Grant> grant = chain.findGrant(ref.chainId());
                if (grant.isPresent()) {
                    grants.add(grantDetails(grant.get(), Direction.OUTGOING, names));
                }
            }
            AuditedCall.current().detail(grants.size() + " grants");
            return new ChainListPage<>(grants, candidates.nextBefore());
        } catch (LedgerException e) {
            throw unreadable("the grants of patient " + patient.patientId(), e);
        }
    }

    /** Revokes a grant this node issued; the proxies lose the re-key unless another entry still covers it. */
    @Audited(AuditedAction.GRANT_REVOKE)
    public GrantDetails revoke(@AuditSubject long grantId) {
        requireHospital();
        try (LedgerConnection chain = ledger.getConnection()) {
            MemberNames names = new MemberNames(chain);
            Grant grant = chain.findGrant(grantId).filter(found -> found.custodian().equals(chain.account()))
                    .orElseThrow(() -> new ConsentRefusedException(Failure.NOT_FOUND, "this node issued no grant "
                            + grantId));
            if (grant.revokedAt().isPresent()) {
                throw new ConsentRefusedException(Failure.CONFLICT, "grant " + grantId + " is already revoked");
            }
            GrantDetails before = grantDetails(grant, Direction.OUTGOING, names);
            AuditedCall.current().writeAhead("revocation of grant " + grantId + " to " + grant.grantee());
            chain.revokeGrant(grantId);
            AuditedCall.current().detail("grant " + grantId + " to " + grant.grantee() + " revoked")
                    .succeededIrrevocably();
            afterChange("grant " + grantId, () -> schedule.lookNow(ConsentKind.GRANT, grantId));
            return readBack("grant " + grantId, () -> chain.findGrant(grantId)
                            .map(revoked -> grantDetails(revoked, Direction.OUTGOING, names)))
                    .orElseGet(() -> new GrantDetails(grantId, Direction.OUTGOING, before.patientId(),
                            before.custodian(), before.grantee(), before.scope(), before.purpose(),
                            before.grantedAt(), before.expiresAt(), clock.instant(), "revoked", before.requestId(),
                            before.granteeName()));
        } catch (LedgerException e) {
            throw refused("the revocation of grant " + grantId, e);
        } catch (RuntimeException e) {
            throw unexpected(e);
        }
    }

    /** Declares break-glass access to all records of a patient of this node at every custodian. */
    @Audited(AuditedAction.EMERGENCY_ACCESS_DECLARE)
    public EmergencyAccessDetails declareEmergency(@AuditSubject Given<UUID> patientId, Given<Integer> reasonCode) {
        requireHospital();
        PatientCustody patient = patients.custody(patientId.value());
        Integer code = reasonCode.value();
        EmergencyReason reason;
        try {
            reason = EmergencyReason.ofCode(code == null ? 0 : code);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("reasonCode must be one of 1 (unconscious patient), 2 (life-threatening "
                    + "condition), 3 (custodian unreachable), 4 (public health emergency)");
        }
        try (LedgerConnection chain = ledger.getConnection()) {
            MemberNames names = new MemberNames(chain);
            AuditedCall.current().writeAhead("emergency access, reason " + reason);
            Issued issued = chain.declareEmergencyAccess(Bytes32.of(patient.pseudonym().toBytes()), reason);
            AuditedCall.current().detail("emergency access " + issued.id() + ", reason " + reason)
                    .succeededIrrevocably();
            String what = "emergency access " + issued.id();
            Optional<EmergencyAccess> declared = readBack(what, () -> chain.findEmergencyAccess(issued.id()));
            // noted with its expiry once its event arrives (ConsentEvents)
            EmergencyAccessDetails asSent = new EmergencyAccessDetails(issued.id(), Direction.OUTGOING,
                    patient.patientId(), chain.account().toString(), reason.code(), reason.name(), clock.instant(),
                    null, true, null, null, names.of(chain.account()));
            if (declared.isEmpty()) {
                return asSent;
            }
            afterChange(what, () -> refs.remember(ConsentKind.EMERGENCY, issued.id(), Direction.OUTGOING,
                    patient.pseudonym().hex(), chain.account().toString(), declared.get().expiresAt()));
            return readBack(what, () -> declared.map(found -> emergencyDetails(found, Direction.OUTGOING,
                    clock.instant(), names))).orElse(asSent);
        } catch (StateConflictException e) {
            throw alreadyDeclared(patient, e);
        } catch (LedgerException e) {
            throw refusedForItsScope("the emergency access", "do not declare it again before the node's operators have"
                    + " looked", e);
        } catch (RuntimeException e) {
            throw unexpected(e);
        }
    }

    /**
     * The emergency accesses concerning this node, newest first: declared here ({@code OUTGOING}), or declared by
     * another hospital for one of this node's patients ({@code INCOMING}); {@code direction} and {@code reviewed}
     * filter when given. Asked for those not reviewed (the review queue), the incoming ones are those this node may
     * review, for patients it anchored a record of (the registry refuses a review by a hospital that only registered
     * the patient); the others are listed among all incoming ones.
     */
    @Audited(AuditedAction.EMERGENCY_ACCESS_READ)
    public ChainListPage<EmergencyAccessDetails> emergencies(Direction direction, Boolean reviewed,
            ChainListPage.Window window) {
        requireHospital();
        Instant now = clock.instant();
        Candidates candidates = Candidates.of(window, count -> refs.newest(ConsentKind.EMERGENCY, direction,
                Boolean.FALSE.equals(reviewed), window.before(), count));
        try (LedgerConnection chain = ledger.getConnection()) {
            MemberNames names = new MemberNames(chain);
            List<EmergencyAccessDetails> found = new ArrayList<>();
            for (ConsentRef ref : candidates.shown()) {
                Optional<EmergencyAccess> emergency = chain.findEmergencyAccess(ref.chainId());
                if (emergency.isPresent()) {
                    boolean wasReviewed = !emergency.get().isFlaggedForReview();
                    remark(ref, wasReviewed);
                    boolean queued = ref.direction() == Direction.INCOMING && Boolean.FALSE.equals(reviewed);
                    if ((reviewed == null || reviewed == wasReviewed) && (!queued || reviewable(emergency.get()))) {
                        found.add(emergencyDetails(emergency.get(), ref.direction(), now, names));
                    }
                }
            }
            AuditedCall.current().detail(found.size() + " emergency accesses");
            return new ChainListPage<>(found, candidates.nextBefore());
        } catch (LedgerException e) {
            throw unreadable("the emergency accesses", e);
        }
    }

    /** Whether this node is a custodian of the emergency access's patient, which may review it. */
    private boolean reviewable(EmergencyAccess emergency) {
        UUID patient = localPatient(emergency.patientPseudonym());
        return patient != null && records.anchoredOwnRecordOf(patient);
    }

    /** Marks an emergency access reviewed; only a custodian of the patient other than the declarer may. */
    @Audited(AuditedAction.EMERGENCY_ACCESS_REVIEW)
    public EmergencyAccessDetails review(@AuditSubject long emergencyId) {
        requireHospital();
        try (LedgerConnection chain = ledger.getConnection()) {
            MemberNames names = new MemberNames(chain);
            EmergencyAccess emergency = chain.findEmergencyAccess(emergencyId).orElseThrow(
                    () -> new ConsentRefusedException(Failure.NOT_FOUND, "there is no emergency access "
                            + emergencyId));
            if (emergency.requester().equals(chain.account())) {
                throw new ConsentRefusedException(Failure.FORBIDDEN, "emergency access " + emergencyId + " was "
                        + "declared by this hospital: a custodian of the patient other than the declarer reviews it");
            }
            if (!emergency.isFlaggedForReview()) {
                throw new ConsentRefusedException(Failure.CONFLICT, "emergency access " + emergencyId
                        + " is already reviewed");
            }
            EmergencyAccessDetails before = emergencyDetails(emergency, Direction.INCOMING, clock.instant(), names);
            AuditedCall.current().writeAhead("review of emergency access " + emergencyId + " declared by "
                    + emergency.requester());
            chain.markEmergencyReviewed(emergencyId);
            AuditedCall.current().detail("emergency access " + emergencyId + " declared by " + emergency.requester()
                    + " reviewed").succeededIrrevocably();
            afterChange("emergency access " + emergencyId,
                    () -> refs.mark(ConsentKind.EMERGENCY, emergencyId, true));
            return readBack("emergency access " + emergencyId, () -> chain.findEmergencyAccess(emergencyId)
                            .map(reviewed -> emergencyDetails(reviewed, Direction.INCOMING, clock.instant(), names)))
                    .orElseGet(() -> new EmergencyAccessDetails(emergencyId, Direction.INCOMING, before.patientId(),
                            before.declarer(), before.reasonCode(), before.reason(), before.declaredAt(),
                            before.expiresAt(), before.active(), chain.account().toString(), clock.instant(),
                            before.declarerName()));
        } catch (LedgerException e) {
            throw refused("the review of emergency access " + emergencyId, e);
        } catch (RuntimeException e) {
            throw unexpected(e);
        }
    }

    /**
     * Refuses to approve a request whose purpose is not a code of the consortium's list (another member's software
     * may send free text): the grant would write it on chain again, and free text may name a patient or a diagnosis.
     * The text is not quoted; the request can still be denied.
     */
    private static void requireListedPurpose(AccessRequest request) {
        try {
            Purpose.ofCode(request.purpose());
        } catch (InvalidInputException e) {
            throw new ConsentRefusedException(Failure.REFUSED, "request " + request.id() + " gives a purpose outside "
                    + "the consortium's list " + Purpose.codes() + ": approving it would write that text on chain "
                    + "again, so it cannot be approved; deny it");
        }
    }

    private void requireHospital() {
        NotOnThisNodeException.requireRole(settings, NodeRole.HOSPITAL, "consent");
    }

    private ChainListPage<AccessRequestDetails> requests(Direction direction, String status,
            ChainListPage.Window window) {
        requireHospital();
        Optional<AccessRequest.Status> wanted = statusFilter(status);
        Candidates candidates = Candidates.of(window, count -> refs.newest(ConsentKind.REQUEST, direction,
                wanted.equals(Optional.of(AccessRequest.Status.PENDING)), window.before(), count));
        try (LedgerConnection chain = ledger.getConnection()) {
            MemberNames names = new MemberNames(chain);
            List<AccessRequestDetails> requests = new ArrayList<>();
            for (ConsentRef ref : candidates.shown()) {
                Optional<AccessRequest> request = chain.findAccessRequest(ref.chainId());
                if (request.isPresent()) {
                    remark(ref, request.get().status() != AccessRequest.Status.PENDING);
                    if (wanted.map(request.get().status()::equals).orElse(true)) {
                        requests.add(requestDetails(request.get(), direction, names));
                    }
                }
            }
            AuditedCall.current().detail(requests.size() + " requests");
            return new ChainListPage<>(requests, candidates.nextBefore());
        } catch (LedgerException e) {
            throw unreadable("the access requests", e);
        }
    }

    /**
     * Marks an entry listed as the chain says it is, where the index says otherwise (an entry noted before the index
     * kept its state, or whose decision a look has not noted yet). The list does not depend on it: a failure is logged.
     */
    private void remark(ConsentRef ref, boolean settled) {
        if (settled != ref.settled()) {
            try {
                refs.mark(ref.kind(), ref.chainId(), settled);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not note on this node whether " + ref.kind().subject(ref.chainId())
                        + " is settled; the next look at it does: " + e, e);
            }
        }
    }

    /**
     * The entries of the node's index a page shows, and where the next page starts: read one more than the window
     * holds, which is not shown but tells whether an older page follows (the oldest entry's page is the last, also
     * when it is full).
     */
    private record Candidates(List<ConsentRef> shown, Optional<Long> nextBefore) {

        static Candidates of(ChainListPage.Window window, IntFunction<List<ConsentRef>> newest) {
            List<ConsentRef> read = newest.apply(window.limit() + 1);
            if (read.size() <= window.limit()) {
                return new Candidates(read, Optional.empty());
            }
            List<ConsentRef> shown = read.subList(0, window.limit());
            return new Candidates(shown, Optional.of(shown.get(shown.size() - 1).chainId()));
        }
    }

    private static Optional<AccessRequest.Status> statusFilter(String status) {
        if (status == null || status.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(AccessRequest.Status.valueOf(status.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status must be pending, approved or denied");
        }
    }

    private static AccessScope scopeOf(ScopeRequest scope, PatientCustody patient) {
        if (scope == null) {
            throw new InvalidInputException("scope is missing: {\"kind\":\"record\",\"recordId\":…}, "
                    + "{\"kind\":\"category\",\"category\":…} or {\"kind\":\"all\"}");
        }
        return scope.toScope(Bytes32.of(patient.pseudonym().toBytes()));
    }

    private Instant requireExpiry(Given<Instant> until) {
        Instant expiresAt = until.value();
        Instant now = clock.instant();
        if (expiresAt == null || expiresAt.isBefore(now.plus(MIN_GRANT)) || expiresAt.isAfter(now.plus(MAX_GRANT))) {
            // words for staff (a day on the pages) and clients (expiresAt) alike
            throw new InvalidInputException("a grant must end between one minute and five years from now");
        }
        return expiresAt;
    }

    /** A hospital of the consortium other than this one. */
    private static LedgerAddress otherHospital(LedgerConnection chain, String address, String field)
            throws LedgerException {
        LedgerAddress account;
        try {
            account = LedgerAddress.fromHex(address == null ? "" : address.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field + " must be a member's ledger address (0x and 40 hex digits)");
        }
        Optional<Member> member = chain.findMember(account);
        if (member.isEmpty() || member.get().role() != MemberRole.HOSPITAL) {
            throw new InvalidInputException(field + " " + account + " is not a hospital of the consortium");
        }
        if (account.equals(chain.account())) {
            throw new InvalidInputException(field + " " + account + " is this hospital itself");
        }
        return account;
    }

    /**
     * A request addressed to this node that waits for its decision: one decided meanwhile (another privacy officer,
     * a page open since) is refused in words staff act on, before anything is sent.
     */
    private static AccessRequest pendingIncomingRequest(LedgerConnection chain, long requestId)
            throws LedgerException {
        AccessRequest request = chain.findAccessRequest(requestId)
                .filter(found -> found.custodian().equals(chain.account()))
                .orElseThrow(() -> new ConsentRefusedException(Failure.NOT_FOUND, "no access request " + requestId
                        + " is addressed to this hospital"));
        if (request.status() != AccessRequest.Status.PENDING) {
            throw new ConsentRefusedException(Failure.CONFLICT, "request " + requestId + " is "
                    + request.status().name().toLowerCase(Locale.ROOT) + " already; reload the list of requests");
        }
        return request;
    }

    /**
     * The registry's refusal of a second declaration while this hospital's last one for the patient is active, in
     * words staff act on: which declaration, and until when, as this node's index knows it (nothing more when the
     * index has no live one, or cannot be read).
     */
    private ConsentRefusedException alreadyDeclared(PatientCustody patient, StateConflictException e) {
        if (!"EmergencyAccessActive".equals(e.errorName())) {
            return new ConsentRefusedException(Failure.CONFLICT, "the emergency access was refused: " + e.getMessage());
        }
        String active;
        try {
            // as this node's index knows it: named only while it has not ended by the index's own account
            active = refs.ofPatient(ConsentKind.EMERGENCY, Direction.OUTGOING, patient.pseudonym().hex(), null, 1)
                    .stream().findFirst()
                    .filter(ref -> ref.expiresAt() != null && ref.expiresAt().isAfter(clock.instant()))
                    .map(ref -> " (emergency access " + ref.chainId() + ", until " + UNTIL.format(ref.expiresAt())
                            + ")")
                    .orElse("");
        } catch (RuntimeException unreadable) {
            LOG.log(Level.WARNING, "the index of emergency accesses could not be read for a refusal's words",
                    unreadable);
            active = "";
        }
        return new ConsentRefusedException(Failure.CONFLICT, "this hospital's emergency access to the patient's "
                + "records is active already" + active + "; it is not declared again while it lasts");
    }

    /** Notes a grant this node just issued and has its re-key delivered at once. */
    private void issuedGrant(long grantId, Bytes32 pseudonym, LedgerAddress grantee, Instant expiresAt) {
        afterChange("grant " + grantId, () -> {
            refs.remember(ConsentKind.GRANT, grantId, Direction.OUTGOING,
                    HexFormat.of().formatHex(pseudonym.toBytes()), grantee.toString(), expiresAt);
            schedule.lookNow(ConsentKind.GRANT, grantId);
        });
    }

    /**
     * A step after a consent change took effect on chain (noting it in the node's index, having its re-keys
     * reconciled now): it cannot undo the change, so its failure is logged, not the change's. The chain's event of
     * the change notes it and reconciles its re-keys again ({@link ConsentEvents}).
     */
    private static void afterChange(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, what + " took effect on chain; noting it on this node failed, which the chain's "
                    + "event of it does again: " + e, e);
        }
    }

    /**
     * An entry as the chain reads it just after a change to it took effect, as {@code read} shows it; empty (and
     * logged) if that read fails, or showing it does (the patient looked up in a database out of reach meanwhile): the
     * change is then answered as sent, never as a failure, since it took effect.
     */
    private static <T> Optional<T> readBack(String what, ChainRead<T> read) {
        try {
            Optional<T> found = read.find();
            if (found.isEmpty()) {
                LOG.warning(what + " took effect on chain, and the chain node does not show it yet: answered as sent");
            }
            return found;
        } catch (LedgerException | RuntimeException e) {
            LOG.log(Level.WARNING, what + " took effect on chain; reading it back failed, so it is answered as sent: "
                    + e.getMessage(), e);
            return Optional.empty();
        }
    }

    /** A read of one entry from the chain. */
    @FunctionalInterface
    private interface ChainRead<T> {
        Optional<T> find() throws LedgerException;
    }

    private AccessRequestDetails requestDetails(AccessRequest request, Direction direction, MemberNames names) {
        return new AccessRequestDetails(request.id(), direction, localPatient(request.scope().patientPseudonym()),
                request.requester().toString(), request.custodian().toString(), ScopeDetails.of(request.scope()),
                request.purpose(), request.requestedAt(), request.status().name().toLowerCase(Locale.ROOT),
                request.grantId().isPresent() ? request.grantId().getAsLong() : null, names.of(request.requester()),
                names.of(request.custodian()));
    }

    private GrantDetails grantDetails(Grant grant, Direction direction, MemberNames names) {
        String status = grant.revokedAt().isPresent() ? "revoked"
                : grant.isActiveAt(clock.instant()) ? "active" : "expired";
        return new GrantDetails(grant.id(), direction, localPatient(grant.scope().patientPseudonym()),
                grant.custodian().toString(), grant.grantee().toString(), ScopeDetails.of(grant.scope()),
                grant.purpose(), grant.grantedAt(), grant.expiresAt(), grant.revokedAt().orElse(null), status,
                grant.requestId().isPresent() ? grant.requestId().getAsLong() : null, names.of(grant.grantee()));
    }

    private EmergencyAccessDetails emergencyDetails(EmergencyAccess emergency, Direction direction, Instant now,
            MemberNames names) {
        return new EmergencyAccessDetails(emergency.id(), direction, localPatient(emergency.patientPseudonym()),
                emergency.requester().toString(), emergency.reason().code(), emergency.reason().name(),
                emergency.declaredAt(), emergency.expiresAt(), emergency.isActiveAt(now),
                emergency.reviewedBy().map(LedgerAddress::toString).orElse(null),
                emergency.reviewedAt().orElse(null), names.of(emergency.requester()));
    }

    private UUID localPatient(Bytes32 pseudonym) {
        return patients.custodyOf(new Pseudonym(HexFormat.of().formatHex(pseudonym.toBytes())))
                .map(PatientCustody::patientId).orElse(null);
    }

    /**
     * A failure other than the chain's while a change's transaction may have been under way (a defect on the way,
     * an answer that cannot be decoded after it was mined): the change's entry, if an intent was written, has outcome
     * unknown. A refusal of this service's own is thrown before the intent or after the entry, and stays as it is.
     */
    private static RuntimeException unexpected(RuntimeException e) {
        if (!(e instanceof ServiceException) && SentTransactions.mayHaveTakenEffect(e)) {
            AuditedCall.current().mayStillTakeEffect();
        }
        return e;
    }

    /** {@link #refusedForItsScope(String, String, LedgerException)} of a change staff find in a list on their pages. */
    private static RuntimeException refusedForItsScope(String what, LedgerException e) {
        return refusedForItsScope(what, "look for it in the list before trying again", e);
    }

    /**
     * As {@link #refused(String, String, LedgerException)}, for a change that names what it covers (a grant, a
     * request, a declaration): a record unknown on chain, a record or patient the named custodian does not hold, or a
     * patient no hospital holds is the caller's input (400), not their roles (403) or the address they called (404).
     */
    private static RuntimeException refusedForItsScope(String what, String ifItMayHaveTakenEffect,
            LedgerException e) {
        if (e instanceof ContractRefusalException refusal && SCOPE_REFUSALS.contains(refusal.errorName())) {
            return new InvalidInputException(what + " was refused for what it covers: " + e.getMessage());
        }
        return refused(what, ifItMayHaveTakenEffect, e);
    }

    /** {@link #refused(String, String, LedgerException)} of a change staff find in a list on their pages. */
    private static RuntimeException refused(String what, LedgerException e) {
        return refused(what, "look for it in the list before trying again", e);
    }

    /**
     * A registry refusal as the staff member's failure; an unreachable chain node as a dependency failure, whose
     * words for staff end with {@code ifItMayHaveTakenEffect} when the change may still take effect.
     */
    private static RuntimeException refused(String what, String ifItMayHaveTakenEffect, LedgerException e) {
        if (e instanceof UnknownEntryException) {
            return new ConsentRefusedException(Failure.NOT_FOUND, what + " was refused: " + e.getMessage());
        }
        if (e instanceof NotAuthorizedException) {
            return new ConsentRefusedException(Failure.FORBIDDEN, what + " was refused: " + e.getMessage());
        }
        if (e instanceof StateConflictException) {
            return new ConsentRefusedException(Failure.CONFLICT, what + " was refused: " + e.getMessage());
        }
        if (e instanceof InvalidLedgerInputException) {
            return new InvalidInputException(what + " was refused: " + e.getMessage());
        }
        if (e instanceof ContractRefusalException) {
            return new ConsentRefusedException(Failure.REFUSED, what + " was refused: " + e.getMessage());
        }
        return unavailable(what, ifItMayHaveTakenEffect, e);
    }

    /** A list the chain node cannot give now, as a dependency failure. */
    private static DependencyUnavailableException unreadable(String what, LedgerException e) {
        return new DependencyUnavailableException("the chain node cannot give " + what + " now: " + e.getMessage(),
                "the chain cannot give " + what + " now; try again later", e);
    }

    /**
     * An unreachable chain node as a dependency failure of a change. A failure once the change's transaction was
     * under way that may have come after it reached the chain ({@link SentTransactions#mayHaveTakenEffect}: sent and
     * not confirmed in time, or a receipt that cannot be read) leaves the change's entry with outcome unknown
     * ({@link AuditedCall#mayStillTakeEffect()}), and staff are told what to do before trying again
     * ({@code ifItMayHaveTakenEffect}).
     */
    private static DependencyUnavailableException unavailable(String what, String ifItMayHaveTakenEffect,
            LedgerException e) {
        if (SentTransactions.mayHaveTakenEffect(e) && AuditedCall.current().mayStillTakeEffect()) {
            Optional<Bytes32> sent = e instanceof LedgerUnavailableException unconfirmed
                    ? unconfirmed.pendingTransaction() : Optional.empty();
            String state = sent.map(transaction -> "the chain node did not confirm " + what + " in time: its"
                    + " transaction " + transaction + " was sent and may still take effect")
                    .orElse("what became of " + what + " on chain is not known: it may have taken effect");
            String forStaff = (sent.isPresent() ? "the chain did not confirm " + what + " in time: it may still take"
                    + " effect" : "what became of " + what + " on the chain is not known: it may have taken effect")
                    + ", so " + ifItMayHaveTakenEffect;
            return new DependencyUnavailableException(state + ", so look for it in the list before trying again ("
                    + e.getMessage() + ")", forStaff, e);
        }
        return new DependencyUnavailableException("the chain node cannot take " + what + " now: " + e.getMessage(),
                "the chain cannot take " + what + " now: nothing was changed; try again later", e);
    }
}
