package org.custodia.sharing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import org.custodia.access.AuditSubject;
import org.custodia.access.Audited;
import org.custodia.access.AuditedCall;
import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditTrail;
import org.custodia.audit.AuditedAction;
import org.custodia.audit.NamedPatient;
import org.custodia.consortium.NotOnThisNodeException;
import org.custodia.filestore.FileStoreBusyException;
import org.custodia.filestore.NodeFileStore;
import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.kernel.Failure;
import org.custodia.kernel.FailureNotingInput;
import org.custodia.kernel.Given;
import org.custodia.kernel.InvalidInputException;
import org.custodia.kernel.NodeRole;
import org.custodia.kernel.NodeSettings;
import org.custodia.kernel.SharingException;
import org.custodia.kernel.TextField;
import org.custodia.ledger.api.AccessBasis;
import org.custodia.ledger.api.AnchoredRecord;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.LedgerEvent;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.Member;
import org.custodia.ledger.api.MemberRole;
import org.custodia.nodeapi.NodeApiBase;
import org.custodia.nodeapi.NodeApiClient;
import org.custodia.nodeapi.NodeApiProblem;
import org.custodia.patients.PatientCustody;
import org.custodia.patients.PatientRegistry;
import org.custodia.patients.Pseudonym;
import org.custodia.records.ReceivedRecord;
import org.custodia.records.RecordDetails;
import org.custodia.records.RecordId;
import org.custodia.records.RecordIntegrityException;
import org.custodia.records.RecordMetadata;
import org.custodia.records.RecordService;
import org.custodia.records.StorageBusyException;
import org.custodia.records.StorageFullException;

/**
 * Flow 8: fetches a record another hospital shared through a proxy and keeps it. The chain must allow this hospital
 * to read it now; a proxy re-encrypts the custodian's envelope for this hospital's key after logging the access on
 * chain, and this hospital's own chain node must show that log ({@link AccessLogCheck}); this node checks the
 * envelope in one pass (its key opens it, the body authenticates, the original envelope is the one anchored) and
 * only then keeps it, as a received record that staff read like a local one. Nothing is kept when any step fails.
 * Runs outside transactions (it calls the chain and other nodes).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RetrievalService {

    /** How long a request waits for another retrieval of the same record on this node (a 1 GiB record takes 20 s). */
    private static final Duration WAIT_FOR_ANOTHER_RETRIEVAL = Duration.ofMinutes(2);
    private static final Logger LOG = Logger.getLogger(RetrievalService.class.getName());
    private static final Pattern TRANSACTION_HASH = Pattern.compile("0x[0-9a-f]{64}");
    /** Why a proxy may have logged an access this node did not confirm. */
    private static final String MAY_HAVE_LOGGED = "whose attempt ended without an answer, with a server error, or "
            + "with an access log this node could not confirm";
    /** How long a retrieval waits for the custodian to tell the record's title before it uses a generic one. */
    private static final Duration CUSTODIAN_METADATA_WAIT = Duration.ofSeconds(10);
    private static final int MAX_METADATA_BYTES = 16 * 1024;
    /** How long this hospital's chain node may lag behind the proxy's in showing its access log. */
    private static final AccessLogCheck ACCESS_LOGS = new AccessLogCheck(Duration.ofSeconds(5),
            Duration.ofMillis(200));
    /** A proxy's refusals that every proxy would give: the chain's consent state. */
    private static final Set<Failure> FINAL_REFUSALS = EnumSet.of(Failure.NO_GRANT, Failure.GRANT_REVOKED,
            Failure.GRANT_EXPIRED);
    /** A proxy's failures this node passes on as they are when no proxy could serve. */
    private static final Set<Failure> PASSED_ON = EnumSet.of(Failure.NO_RE_KEY, Failure.CUSTODIAN_UNREACHABLE,
            Failure.INTEGRITY_FAILURE);

    @Resource(lookup = "java:app/eis/ledger")
    private LedgerConnectionFactory ledger;

    @EJB
    private PatientRegistry patients;

    @EJB
    private RecordService records;

    @Inject
    private NodeApiClient nodes;

    @Inject
    private NodeSettings settings;

    @Inject
    private RetrievalsUnderWay underWay;

    @Inject
    private RetrievalSlots slots;

    @Inject
    private NodeFileStore fileStore;

    @EJB
    private AuditTrail audit;

    private final Clock clock = Clock.systemUTC();

    /**
     * Retrieves a shared record and keeps it; a record already received is answered as kept. Two requests for the
     * same record take turns ({@link RetrievalsUnderWay}): the second answers with what the first kept.
     *
     * @throws SharingException           no grant, grant revoked or expired, no re-key yet, custodian or proxy
     *                                    unreachable, integrity failure
     * @throws InvalidInputException      if the id is malformed, or the record is this hospital's own
     * @throws org.custodia.records.RecordNotFoundException if the chain has no such record
     * @throws org.custodia.patients.PatientNotFoundException if the record's patient is not registered here
     * @throws RetrievalUnderWayException if another retrieval of the record here outlasts the wait for it
     * @throws RetrievalsBusyException    if this node already runs as many retrievals as it allows
     */
    @Audited(AuditedAction.SHARED_RECORD_RETRIEVE)
    public RecordDetails retrieve(@AuditSubject Given<RecordId> recordId) {
        NotOnThisNodeException.requireRole(settings, NodeRole.HOSPITAL, "retrieval of shared records");
        String hex = recordId.value().hex();
        Bytes32 id = Bytes32.fromHex(hex);
        // read once it is this request's turn: the access log must come after the head read here, and a grant may
        // have ended while another retrieval of the record ran
        return slots.inSlot(() -> underWay.oneAtATime(hex, WAIT_FOR_ANOTHER_RETRIEVAL,
                () -> keep(id, hex, onChain(id, hex))));
    }

    /** What the chain says of the record and of this hospital's access to it, before anything is fetched. */
    private OnChain onChain(Bytes32 id, String hex) {
        try (LedgerConnection chain = ledger.getConnection()) {
            long head = chain.chainStatus().latestBlock();
            AnchoredRecord anchored = chain.findRecord(id).orElseThrow(() ->
                    new org.custodia.records.RecordNotFoundException("no record " + hex + " is anchored on chain"));
            if (anchored.custodian().equals(chain.account())) {
                throw new InvalidInputException("record " + hex + " is this hospital's own: read it directly");
            }
            AccessBasis basis = ChainAccess.basis(chain, id, chain.account());
            List<Member> members = chain.members();
            List<Member> proxies = members.stream().filter(member -> member.role() == MemberRole.PROXY).toList();
            Member custodian = members.stream().filter(member -> member.account().equals(anchored.custodian()))
                    .findFirst().orElse(null);
            return new OnChain(anchored, basis, proxies, custodian, head);
        } catch (LedgerException e) {
            throw chainCannotSay(hex, e);
        }
    }

    private static DependencyUnavailableException chainCannotSay(String hex, LedgerException e) {
        return new DependencyUnavailableException("the chain node cannot say whether this hospital may read record "
                + hex + ": " + e.getMessage(), "the chain cannot say now whether this hospital may read record "
                + hex + ": nothing was retrieved; try again later", e);
    }

    /** Keeps the record unless it is kept already: through a proxy, its access logged on chain, checked. */
    private RecordDetails keep(Bytes32 id, String hex, OnChain onChain) {
        AnchoredRecord anchored = onChain.anchored();
        AccessBasis basis = onChain.basis();
        Optional<RecordDetails> kept = records.kept(hex);
        if (kept.isPresent()) {
            AuditedCall.current().detail(NamedPatient.detail(kept.get().patientId(), "kept already; basis "
                    + basis.kind().name().toLowerCase(Locale.ROOT) + " " + basis.id()));
            return kept.get();
        }
        PatientCustody patient = patients.custodyOf(new Pseudonym(HexFormat.of().formatHex(
                anchored.anchor().patientPseudonym().toBytes()))).orElseThrow(
                        () -> new org.custodia.patients.PatientNotFoundException("the patient of record " + hex
                                + " is not registered at this hospital: register the patient (same national id) "
                                + "first"));
        // asked before any proxy is: a proxy logs the access on chain for good, also for a record this node then
        // cannot keep
        fileStore.envelopes().writeProblem().ifPresent(problem -> {
            throw new StorageFullException("this hospital cannot keep record " + hex + " now, so no proxy was asked "
                    + "for it and no access was logged: " + problem, null);
        });
        fileStore.envelopes().busy().ifPresent(busy -> {
            throw new StorageBusyException(new FileStoreBusyException("no proxy was asked for record " + hex
                    + " and no access was logged: " + busy.getMessage(), busy.retryAfter()));
        });
        records.requireOwnKeyUsable();
        String category = anchored.anchor().category().code();
        String from = onChain.custodian() == null ? anchored.custodian().toString()
                : onChain.custodian().displayName();
        String contentType = anchored.anchor().contentType();
        RecordMetadata metadata = custodianMetadata(onChain.custodian(), hex, category, contentType)
                .orElseGet(() -> new RecordMetadata(category, title(category, from), contentType));
        String actor = AuditedCall.current().actor().name();
        // a proxy logs the access on chain before it answers: should this node stop before the entry below, its next
        // start audits the access from this intent, as this staff member's, with outcome unknown
        UUID intent = audit.recordIntent(actor, AuditedAction.SHARED_RECORD_ACCESS_LOGGED, hex, "asking a proxy for "
                + "the record, which logs the access on chain before it answers");
        List<String> mayHaveLogged = new ArrayList<>();
        Served served;
        try {
            try {
                served = reEncrypted(onChain.proxies(), id, hex, onChain.head(), mayHaveLogged);
            } catch (SharingException e) {
                throw e.failure() == Failure.NO_RE_KEY ? endedMeanwhile(basis, hex, e).orElse(e) : e;
            }
        } catch (RuntimeException | Error e) {
            accessNotConfirmed(intent, actor, hex, mayHaveLogged, e);
            throw e;
        }
        LedgerEvent.AccessLogged logged = served.logged();
        String logTransaction = logged.position().transactionHash().toString();
        // what the chain decided when it logged the access, which may differ from what it said before (a grant
        // revoked meanwhile while another one, or an emergency access, still covered the record)
        AccessBasis loggedBasis = logged.basis();
        auditLoggedAccess(intent, actor, served, hex, logTransaction, loggedBasis, mayHaveLogged);
        ReceivedRecord received = new ReceivedRecord(hex, patient.patientId(), metadata,
                anchored.anchor().envelopeHash().toBytes(), anchored.anchoredAt(), anchored.custodian().toString(),
                loggedBasis.kind().name().toLowerCase(Locale.ROOT), loggedBasis.id(), logTransaction, actor);
        FailureNotingInput envelope = new FailureNotingInput(served.response().body());
        String notKept = "this hospital could not store record " + hex + ": nothing was kept, though the access is"
                + " logged on the chain";
        try (envelope) {
            return records.keepReceived(received, envelope);
        } catch (DependencyUnavailableException | StorageFullException e) {
            // this node's own key, a setting, or its file store full or not writable: the operators' words stay in the
            // message, staff learn what happened
            throw new DependencyUnavailableException(e.getMessage() + "; the access is logged on chain in "
                    + logTransaction, notKept, e);
        } catch (RecordIntegrityException e) {
            throw new SharingException(Failure.INTEGRITY_FAILURE, e.getMessage(), e);
        } catch (IOException e) {
            if (envelope.failed()) {
                throw new SharingException(Failure.PROXY_UNREACHABLE, "the proxy's answer for record " + hex
                        + " broke off (" + e.getMessage() + "): nothing was kept; try again", e);
            }
            throw new DependencyUnavailableException("this hospital's file store could not keep record " + hex
                    + " (" + e.getMessage() + "): nothing was kept, though the access is logged on chain in "
                    + logTransaction, notKept, e);
        }
    }

    /**
     * Audits the access the proxy logged on chain, in an entry of its own written now in place of the intent: the
     * retrieval's entry is written with what it keeps, and a retrieval that fails from here on would leave the
     * chain's log without an entry naming who asked. Should the entry not be written, the answer is closed unread
     * (and the intent left for the next start to settle).
     */
    private void auditLoggedAccess(UUID intent, String actor, Served served, String hex, String logTransaction,
            AccessBasis basis, List<String> mayHaveLogged) {
        try {
            audit.recordInPlaceOf(intent, actor, AuditedAction.SHARED_RECORD_ACCESS_LOGGED, hex,
                    AuditOutcome.SUCCEEDED, "proxy " + served.proxy().displayName() + " logged the access in "
                            + logTransaction + "; basis " + basis.kind().name().toLowerCase(Locale.ROOT) + " "
                            + basis.id() + maybeLoggedBefore(mayHaveLogged));
        } catch (RuntimeException | Error e) {
            closeUnread(served.response(), e);
            throw e;
        }
    }

    /**
     * Ends the intent of an access this node could not confirm. The proxies whose attempt ended after they may have
     * logged the access (no answer, a server error, or an access log this node could not confirm): whether they
     * logged it, the chain tells, so the entry says unknown and names them. None of them: every proxy refused or
     * could not be reached, the retrieval's own entry tells why, and the intent goes.
     */
    private void accessNotConfirmed(UUID intent, String actor, String hex, List<String> mayHaveLogged,
            Throwable failure) {
        try {
            if (mayHaveLogged.isEmpty()) {
                audit.withdrawIntent(intent);
            } else {
                audit.recordInPlaceOf(intent, actor, AuditedAction.SHARED_RECORD_ACCESS_LOGGED, hex,
                        AuditOutcome.UNKNOWN, "the access was not confirmed; it may have been logged by "
                                + String.join(", ", mayHaveLogged) + ", " + MAY_HAVE_LOGGED + ": "
                                + failure.getMessage());
            }
        } catch (RuntimeException e) {
            // the intent stays, and the next start audits it with outcome unknown
            failure.addSuppressed(e);
        }
    }

    private static String maybeLoggedBefore(List<String> mayHaveLogged) {
        return mayHaveLogged.isEmpty() ? "" : "; the access may also have been logged by " + String.join(", ",
                mayHaveLogged) + ", " + MAY_HAVE_LOGGED;
    }

    /**
     * The record's anchor, this hospital's access basis, the consortium's proxies and the record's custodian (null
     * when no longer a member), and the chain's head block before the retrieval began.
     */
    private record OnChain(AnchoredRecord anchored, AccessBasis basis, List<Member> proxies, Member custodian,
                           long head) {
    }

    /**
     * The record's metadata with the title its custodian keeps, asked over the node API (the custodian checks on its
     * own chain node that this hospital may read the record). Empty, so that a generic title is used, when the
     * custodian is no member any more, cannot be asked, or answers without a title this node accepts: the record
     * itself comes through a proxy all the same.
     */
    Optional<RecordMetadata> custodianMetadata(Member custodian, String hex, String category,
            String contentType) {
        if (custodian == null) {
            return Optional.empty();
        }
        String why;
        try {
            String target = NodeApiBase.of(custodian.endpoint().toString())
                    .targetUri("/records/" + hex + "/metadata", null);
            HttpResponse<InputStream> response = nodes.send("GET", target, new byte[0], null,
                    CUSTODIAN_METADATA_WAIT);
            if (response.statusCode() == 200) {
                try (InputStream body = response.body();
                     JsonReader reader = Json.createReader(new ByteArrayInputStream(
                             body.readNBytes(MAX_METADATA_BYTES)))) {
                    JsonObject answer = reader.readObject();
                    if (hex.equals(answer.getString("recordId", ""))) {
                        return Optional.of(new RecordMetadata(category, answer.getString("title", ""), contentType));
                    }
                    why = "it answered for another record";
                }
            } else {
                why = "it answered " + NodeApiProblem.read(response).describe();
            }
        } catch (IOException | JsonException | ClassCastException | IllegalArgumentException e) {
            why = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why = "interrupted";
        }
        String reason = why;
        LOG.info(() -> "The title of record " + hex + " stays generic: its custodian " + custodian.displayName()
                + " gave none (" + reason + ")");
        return Optional.empty();
    }

    /**
     * The refusal to give instead of "no re-key yet" when the basis the chain allowed has ended by this node's clock
     * ({@link ChainAccess#endedBy}); empty if it has not, or if that cannot be read.
     */
    private Optional<SharingException> endedMeanwhile(AccessBasis basis, String hex, SharingException noReKey) {
        try (LedgerConnection chain = ledger.getConnection()) {
            return ChainAccess.endedBy(chain, basis, clock.instant(), "record " + hex, noReKey);
        } catch (LedgerException | RuntimeException e) {
            noReKey.addSuppressed(e);
            return Optional.empty(); // cannot tell: the proxies' answer stands
        }
    }

    /** A generic title; the custodian's name is a member's, which the chain takes as given. */
    private static String title(String category, String custodian) {
        return TextField.fitted(Character.toUpperCase(category.charAt(0)) + category.substring(1) + " record from "
                + custodian, 200);
    }

    /** A proxy's answer with the re-encrypted envelope. */
    private record Served(Member proxy, HttpResponse<InputStream> response, LedgerEvent.AccessLogged logged) {
    }

    /**
     * The re-encrypted envelope from the first proxy that serves it. A consent refusal is final when this hospital's
     * own chain node agrees (every proxy asks the same chain); while it still allows the access, the refusal is that
     * proxy's failure (a proxy whose chain node lags, or one that will not serve), as is any other failure
     * (unreachable, no re-key delivered to this one, its own dependencies down): the next proxy is asked. The proxies
     * whose attempt ended after they may have logged the access (no answer once asked, a server error, or an access
     * log this node could not confirm) are added to {@code mayHaveLogged}. A proxy that served is the one only once
     * this hospital's chain node shows the access it logged; one that names no such log (its word is false, or it is
     * faulty) is passed over for the next, so that it cannot stop every retrieval.
     */
    private Served reEncrypted(List<Member> proxies, Bytes32 id, String recordId, long head,
            List<String> mayHaveLogged) {
        List<String> failures = new ArrayList<>();
        Failure last = Failure.PROXY_UNREACHABLE;
        for (Member proxy : proxies) {
            HttpResponse<InputStream> response;
            try {
                String target = NodeApiBase.of(proxy.endpoint().toString())
                        .targetUri("/records/" + recordId + "/re-encryption", null);
                response = nodes.send("POST", target, new byte[0], null);
            } catch (IOException | IllegalArgumentException e) {
                if (!(e instanceof ConnectException || e instanceof HttpConnectTimeoutException
                        || e instanceof IllegalArgumentException)) {
                    mayHaveLogged.add(proxy.displayName());
                }
                failures.add(proxy.displayName() + " cannot be reached (" + e.getMessage() + ")");
                last = Failure.PROXY_UNREACHABLE;
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                mayHaveLogged.add(proxy.displayName());
                throw new SharingException(Failure.PROXY_UNREACHABLE, "interrupted while waiting for proxy "
                        + proxy.displayName(), e);
            }
            if (response.statusCode() == 200) {
                String naming = proxy.displayName() + " (which named " + response.headers()
                        .firstValue(NodeApiBase.ACCESS_LOG_HEADER).map(named -> TextField.fitted(named, 80))
                        .orElse("no transaction") + " as its access log)";
                mayHaveLogged.add(naming);
                try {
                    LedgerEvent.AccessLogged logged = loggedAccess(proxy, response, id, recordId, head);
                    mayHaveLogged.remove(naming);
                    return new Served(proxy, response, logged);
                } catch (SharingException e) {
                    failures.add(proxy.displayName() + " served it, but " + e.getMessage());
                    last = e.failure();
                    continue;
                }
            }
            if (response.statusCode() >= 500) {
                mayHaveLogged.add(proxy.displayName());
            }
            NodeApiProblem problem = NodeApiProblem.read(response);
            Optional<Failure> named = problem.failure();
            if (named.isPresent() && FINAL_REFUSALS.contains(named.get())) {
                if (!allowedHere(recordId)) {
                    throw new SharingException(named.get(), "proxy " + proxy.displayName() + " refused: "
                            + problem.describe());
                }
                failures.add(proxy.displayName() + " refused (" + problem.describe() + ") while this hospital's "
                        + "chain node still allows the access");
                // that proxy's chain node is behind this one's: its failure, which a retry or another proxy passes
                last = Failure.PROXY_UNREACHABLE;
                continue;
            }
            failures.add(proxy.displayName() + " answered " + problem.describe());
            last = named.filter(PASSED_ON::contains).orElse(Failure.PROXY_UNREACHABLE);
        }
        throw new SharingException(proxies.isEmpty() ? Failure.PROXY_UNREACHABLE : last, proxies.isEmpty()
                ? "the consortium has no proxy registered on chain"
                : "no proxy could serve record " + recordId + ": " + String.join("; ", failures));
    }

    /**
     * Whether this hospital's chain node allows it to read the record now.
     *
     * @throws DependencyUnavailableException when it cannot say: the proxy's refusal is then neither confirmed nor
     *                                        taken for that proxy's failure
     */
    private boolean allowedHere(String hex) {
        try (LedgerConnection chain = ledger.getConnection()) {
            ChainAccess.basis(chain, Bytes32.fromHex(hex), chain.account());
            return true;
        } catch (SharingException | org.custodia.records.RecordNotFoundException e) {
            return false;
        } catch (LedgerException e) {
            throw chainCannotSay(hex, e);
        }
    }

    /**
     * The access the serving proxy logged in the transaction it names, once this hospital's chain node shows that it
     * logged this access after block {@code head}; otherwise the answer is closed unread and nothing is kept.
     */
    private LedgerEvent.AccessLogged loggedAccess(Member proxy, HttpResponse<InputStream> response, Bytes32 recordId,
            String hex, long head) {
        try {
            Optional<String> named = response.headers().firstValue(NodeApiBase.ACCESS_LOG_HEADER);
            if (named.isEmpty() || !TRANSACTION_HASH.matcher(named.get()).matches()) {
                throw new SharingException(Failure.INTEGRITY_FAILURE, "proxy " + proxy.displayName()
                        + " served record " + hex + " without naming the chain transaction that logged the access: "
                        + "nothing was kept");
            }
            try {
                return ACCESS_LOGS.require(ledger, Bytes32.fromHex(named.get()), recordId, proxy.account(),
                        head);
            } catch (LedgerException e) {
                throw new DependencyUnavailableException("the chain node cannot confirm that proxy "
                        + proxy.displayName() + " logged the access to record " + hex + " ("
                        + e.getMessage() + "): nothing was kept; try again", "the chain cannot confirm now that the"
                        + " access to record " + hex + " was logged: nothing was kept, though the access may be logged"
                        + " (trying again logs another); try again later", e);
            }
        } catch (RuntimeException | Error e) {
            closeUnread(response, e);
            throw e;
        }
    }

    private static void closeUnread(HttpResponse<InputStream> response, Throwable failure) {
        try {
            response.body().close();
        } catch (IOException closing) {
            failure.addSuppressed(closing);
        }
    }
}
