package org.custodia.sharing;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.kernel.Failure;
import org.custodia.kernel.InvalidInputException;
import org.custodia.kernel.NodeRole;
import org.custodia.kernel.NodeSettings;
import org.custodia.kernel.SharingException;
import org.custodia.ledger.api.AccessBasis;
import org.custodia.ledger.api.AnchoredRecord;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.Member;
import org.custodia.ledger.api.MemberRole;
import org.custodia.nodeapi.NodeApiBase;
import org.custodia.nodeapi.NodeApiClient;
import org.custodia.patients.PatientCustody;
import org.custodia.patients.PatientRegistry;
import org.custodia.patients.Pseudonym;
import org.custodia.records.RecordDetails;
import org.custodia.records.RecordIntegrityException;
import org.custodia.records.RecordMetadata;
import org.custodia.records.RecordService;
import org.custodia.records.ReceivedRecord;

/**
 * Flow 8: fetches a record another hospital shared through a proxy and keeps it. The chain must allow this hospital
 * to read it now; a proxy re-encrypts the custodian's envelope for this hospital's key after logging the access on
 * chain; this node checks the envelope in one pass (its key opens it, the body authenticates, the original envelope
 * is the one anchored) and only then keeps it, as a received record that staff read like a local one. Nothing is
 * kept when any step fails. Runs outside transactions (it calls the chain and other nodes).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RetrievalService {

    /** The header in which a proxy names the transaction that logged the access. */
    public static final String ACCESS_LOG_HEADER = "Custodia-Access-Log-Transaction";

    private static final Pattern PROBLEM_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"urn:custodia:problem:([a-z-]+)\"");
    private static final int MAX_PROBLEM_BYTES = 8192;

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

    /**
     * Retrieves a shared record and keeps it; a record already received is answered as kept.
     *
     * @throws SharingException           no grant, grant revoked or expired, no re-key yet, custodian or proxy
     *                                    unreachable, integrity failure
     * @throws InvalidInputException      if the id is malformed, or the record is this hospital's own
     * @throws org.custodia.records.RecordNotFoundException if the chain has no such record
     * @throws org.custodia.patients.PatientNotFoundException if the record's patient is not registered here
     */
    @Audited(AuditedAction.SHARED_RECORD_RETRIEVE)
    public RecordDetails retrieve(@AuditSubject String recordId) {
        NotOnThisNodeException.requireRole(settings, NodeRole.HOSPITAL, "retrieval of shared records");
        Bytes32 id = recordIdOf(recordId);
        String hex = HexFormat.of().formatHex(id.toBytes());
        AnchoredRecord anchored;
        AccessBasis basis;
        List<Member> proxies;
        Member custodian;
        try (LedgerConnection chain = ledger.getConnection()) {
            anchored = chain.findRecord(id).orElseThrow(() -> new org.custodia.records.RecordNotFoundException(
                    "no record " + hex + " is anchored on chain"));
            if (anchored.custodian().equals(chain.account())) {
                throw new InvalidInputException("record " + hex + " is this hospital's own: read it directly");
            }
            basis = ChainAccess.basis(chain, id, chain.account());
            proxies = proxies(chain);
            custodian = chain.findMember(anchored.custodian()).orElse(null);
        } catch (LedgerException e) {
            throw new DependencyUnavailableException("the chain node cannot say whether this hospital may read record "
                    + hex + ": " + e.getMessage(), e);
        }
        Optional<RecordDetails> kept = records.kept(hex);
        if (kept.isPresent()) {
            AuditedCall.current().detail("kept already; basis " + basis.kind().name().toLowerCase(Locale.ROOT) + " "
                    + basis.id());
            return kept.get();
        }
        PatientCustody patient = patients.custodyOf(new Pseudonym(HexFormat.of().formatHex(
                anchored.anchor().patientPseudonym().toBytes()))).orElseThrow(
                        () -> new org.custodia.patients.PatientNotFoundException("the patient of record " + hex
                                + " is not registered at this hospital: register the patient (same national id) "
                                + "first"));
        String category = anchored.anchor().category().code();
        String from = custodian == null ? anchored.custodian().toString() : custodian.displayName();
        RecordMetadata metadata = new RecordMetadata(category, title(category, from),
                anchored.anchor().contentType());
        HttpResponse<InputStream> response = reEncrypted(proxies, hex);
        String logTransaction = response.headers().firstValue(ACCESS_LOG_HEADER).orElse(null);
        ReceivedRecord received = new ReceivedRecord(hex, patient.patientId(), metadata,
                anchored.anchor().envelopeHash().toBytes(), anchored.anchoredAt(), anchored.custodian().toString(),
                basis.kind().name().toLowerCase(Locale.ROOT), basis.id(), logTransaction,
                AuditedCall.current().actor().name());
        try (InputStream envelope = response.body()) {
            RecordDetails stored = records.keepReceived(received, envelope);
            AuditedCall.current().detail("from " + anchored.custodian() + ", basis " + received.basis() + " "
                    + basis.id() + ", access logged in " + logTransaction + ", " + stored.size() + " bytes");
            return stored;
        } catch (RecordIntegrityException e) {
            throw new SharingException(Failure.INTEGRITY_FAILURE, e.getMessage(), e);
        } catch (IOException e) {
            throw new SharingException(Failure.PROXY_UNREACHABLE, "the proxy's answer for record " + hex
                    + " broke off (" + e.getMessage() + "): nothing was kept; try again", e);
        }
    }

    private static Bytes32 recordIdOf(String recordId) {
        try {
            return Bytes32.fromHex(recordId == null ? "" : recordId.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("a record id is 64 hex digits");
        }
    }

    private static String title(String category, String custodian) {
        String title = Character.toUpperCase(category.charAt(0)) + category.substring(1) + " record from " + custodian;
        return title.length() <= 200 ? title : title.substring(0, 200);
    }

    private static List<Member> proxies(LedgerConnection chain) throws LedgerException {
        List<Member> proxies = new ArrayList<>();
        for (LedgerAddress account : chain.memberAccounts()) {
            chain.findMember(account).filter(member -> member.role() == MemberRole.PROXY).ifPresent(proxies::add);
        }
        return proxies;
    }

    /** The re-encrypted envelope from the first proxy that answers; a proxy's refusal is final. */
    private HttpResponse<InputStream> reEncrypted(List<Member> proxies, String recordId) {
        List<String> unreachable = new ArrayList<>();
        for (Member proxy : proxies) {
            HttpResponse<InputStream> response;
            try {
                String target = NodeApiBase.of(proxy.endpoint().toString())
                        .targetUri("/records/" + recordId + "/re-encryption", null);
                response = nodes.send("POST", target, new byte[0], null, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException | IllegalArgumentException e) {
                unreachable.add(proxy.displayName() + " (" + e.getMessage() + ")");
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SharingException(Failure.PROXY_UNREACHABLE, "interrupted while waiting for proxy "
                        + proxy.displayName(), e);
            }
            if (response.statusCode() == 200) {
                return response;
            }
            throw refusal(proxy, response);
        }
        throw new SharingException(Failure.PROXY_UNREACHABLE, proxies.isEmpty()
                ? "the consortium has no proxy registered on chain"
                : "no proxy can be reached: " + String.join("; ", unreachable));
    }

    /** A proxy's problem details as the failure they name; anything unrecognised as the proxy being unusable. */
    private static SharingException refusal(Member proxy, HttpResponse<InputStream> response) {
        String body;
        try (InputStream in = response.body()) {
            body = new String(in.readNBytes(MAX_PROBLEM_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            body = "";
        }
        Matcher type = PROBLEM_TYPE.matcher(body);
        Optional<String> problem = type.find() ? Optional.of(type.group(1)) : Optional.empty();
        String what = "proxy " + proxy.displayName() + " refused the re-encryption (HTTP " + response.statusCode()
                + problem.map(name -> ", " + name).orElse("") + ")";
        return new SharingException(problem.flatMap(RetrievalService::failureOf).orElse(Failure.PROXY_UNREACHABLE),
                what);
    }

    private static Optional<Failure> failureOf(String problemType) {
        return switch (problemType) {
            case "no-grant" -> Optional.of(Failure.NO_GRANT);
            case "grant-revoked" -> Optional.of(Failure.GRANT_REVOKED);
            case "grant-expired" -> Optional.of(Failure.GRANT_EXPIRED);
            case "no-re-key" -> Optional.of(Failure.NO_RE_KEY);
            case "custodian-unreachable" -> Optional.of(Failure.CUSTODIAN_UNREACHABLE);
            case "integrity-failure" -> Optional.of(Failure.INTEGRITY_FAILURE);
            default -> Optional.empty();
        };
    }
}
