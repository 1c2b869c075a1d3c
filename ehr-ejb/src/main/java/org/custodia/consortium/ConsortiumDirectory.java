package org.custodia.consortium;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

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
import org.custodia.kernel.ChainListPage;
import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.kernel.NodeRole;
import org.custodia.kernel.NodeSettings;
import org.custodia.ledger.api.AccessBasis;
import org.custodia.ledger.api.AnchoredRecord;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.EmergencyAccess;
import org.custodia.ledger.api.Grant;
import org.custodia.ledger.api.GrantExpiredException;
import org.custodia.ledger.api.GrantRevokedException;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.Member;
import org.custodia.ledger.api.NotAuthorizedException;
import org.custodia.patients.PatientRegistry;
import org.custodia.records.RecordService;
import org.custodia.kernel.Given;

/**
 * The consortium as a hospital's staff discover it on chain: its members, and the records any hospital anchored
 * for one of this node's patients (through the patient's pseudonym) with whether this node may read each now, a
 * page at a time.
 * Served by hospital nodes only. Runs outside transactions: the chain is never called inside one.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ConsortiumDirectory {

    /** Ids read from the chain at a time when a page is selected by what this node keeps. */
    static final int IDS_PER_READ = 1000;

    /**
     * The most reads of the patient's list one filtered page makes: a page is cut short there, with the next start
     * below what was read, however many records the chain lists for the patient (any member can anchor records under
     * a pseudonym, and each read holds a request thread).
     */
    static final int READS_PER_PAGE = 10;

    @Resource(lookup = "java:app/eis/ledger")
    private LedgerConnectionFactory ledger;

    @EJB
    private PatientRegistry patients;

    @EJB
    private RecordService records;

    @Inject
    private NodeSettings settings;

    /**
     * Every member registered on chain, in the registry's order.
     *
     * @throws NotOnThisNodeException          on a proxy node
     * @throws DependencyUnavailableException if the chain node cannot be asked
     */
    @Audited(AuditedAction.CONSORTIUM_MEMBERS_READ)
    public List<ConsortiumMember> members() {
        requireHospital();
        try (LedgerConnection chain = ledger.getConnection()) {
            LedgerAddress self = chain.account();
            List<ConsortiumMember> members = membersOn(chain).values().stream()
                    .map(member -> ConsortiumMember.of(member, self))
                    .toList();
            AuditedCall.current().detail(members.size() + " members");
            return members;
        } catch (LedgerException e) {
            throw unavailable("the consortium's members", e);
        }
    }

    /**
     * A page of the records anchored on chain for a patient of this node, by any hospital, newest first. Each record
     * is numbered by its place in the chain's list of the patient's records (the oldest is 1), which
     * {@code window.before()} starts below. {@code kept}, when given, keeps only the records this node keeps (its
     * own and those received) or only those it does not. The chain is asked for the list's length, then for the
     * part of it the page covers, and for the page's records alone; a filtered page reads the list a thousand ids at
     * a time downwards from where it starts, until the page is full or ten thousand were read (it may then hold
     * fewer than {@code window.limit()} records, even none, and names where the next page starts).
     *
     * @throws org.custodia.patients.PatientNotFoundException if there is no such patient
     * @throws NotOnThisNodeException                          on a proxy node
     * @throws DependencyUnavailableException                 if the chain node cannot be asked
     */
    @Audited(AuditedAction.CONSORTIUM_RECORDS_READ)
    public ChainListPage<ConsortiumRecord> recordsOf(@AuditSubject Given<UUID> patient, Boolean kept,
            ChainListPage.Window window) {
        requireHospital();
        UUID patientId = patient.value();
        Bytes32 pseudonym = Bytes32.of(patients.custody(patientId).pseudonym().toBytes());
        try (LedgerConnection chain = ledger.getConnection()) {
            long total = chain.recordCountOfPatient(pseudonym);
            long top = window.before() == null ? total : Math.min(window.before() - 1, total);
            ChainListPage<String> shown = kept == null ? newest(chain, pseudonym, top, window.limit())
                    : newestKept(chain, pseudonym, top, window.limit(), kept);
            Set<String> keptShown = kept == null ? records.keptAmong(shown.entries())
                    : kept ? Set.copyOf(shown.entries()) : Set.of();
            Map<LedgerAddress, Member> members = membersOn(chain);
            Map<AccessBasis, Optional<Instant>> expiries = new HashMap<>();
            List<ConsortiumRecord> page = new ArrayList<>();
            for (String id : shown.entries()) {
                Optional<AnchoredRecord> anchored = chain.findRecord(Bytes32.fromHex(id));
                if (anchored.isPresent()) {
                    page.add(record(anchored.get(), members, readAccess(chain, anchored.get(), expiries),
                            !anchored.get().custodian().equals(chain.account()) && keptShown.contains(id)));
                }
            }
            AuditedCall.current().detail(page.size() + " of " + total + " records on chain");
            return new ChainListPage<>(page, shown.nextBefore());
        } catch (LedgerException e) {
            throw unavailable("the records of patient " + patientId, e);
        }
    }

    /** The ids of the records numbered {@code top} and below, at most {@code limit}, newest first, in one read. */
    private static ChainListPage<String> newest(LedgerConnection chain, Bytes32 pseudonym, long top, int limit)
            throws LedgerException {
        if (top == 0) {
            return new ChainListPage<>(List.of(), Optional.empty());
        }
        long from = Math.max(0, top - limit);
        List<String> ids = new ArrayList<>(hex(chain.recordsOfPatient(pseudonym, from, (int) (top - from))));
        Collections.reverse(ids);
        return new ChainListPage<>(ids, from > 0 ? Optional.of(from + 1) : Optional.empty());
    }

    /**
     * The ids of the records numbered {@code top} and below that this node keeps, or does not, at most {@code limit},
     * newest first: the list read {@value #IDS_PER_READ} ids at a time and this node asked which of them it keeps,
     * until the page is full, or {@value #READS_PER_PAGE} reads were made: such a page may hold fewer than
     * {@code limit} records, even none, and names the record below the last one read as the next start. A page full
     * at the end of a read names its last record as the next start while older records are left, though none of them
     * may be selected.
     */
    private ChainListPage<String> newestKept(LedgerConnection chain, Bytes32 pseudonym, long top, int limit,
            boolean kept) throws LedgerException {
        List<String> shown = new ArrayList<>();
        long last = 0;
        long end = top;
        for (int reads = 0; end > 0; reads++) {
            if (reads == READS_PER_PAGE) {
                return new ChainListPage<>(shown, Optional.of(end + 1));
            }
            long from = Math.max(0, end - IDS_PER_READ);
            List<String> ids = hex(chain.recordsOfPatient(pseudonym, from, (int) (end - from)));
            Set<String> keptHere = records.keptAmong(ids);
            for (long number = from + ids.size(); number > from; number--) {
                String id = ids.get((int) (number - from - 1));
                if (keptHere.contains(id) != kept) {
                    continue;
                }
                if (shown.size() == limit) {
                    return new ChainListPage<>(shown, Optional.of(last));
                }
                shown.add(id);
                last = number;
            }
            if (shown.size() == limit) {
                return new ChainListPage<>(shown, from > 0 ? Optional.of(last) : Optional.empty());
            }
            end = from;
        }
        return new ChainListPage<>(shown, Optional.empty());
    }

    private static List<String> hex(List<Bytes32> ids) {
        return ids.stream().map(id -> HexFormat.of().formatHex(id.toBytes())).toList();
    }

    private void requireHospital() {
        NotOnThisNodeException.requireRole(settings, NodeRole.HOSPITAL, "consortium discovery");
    }

    /** The members by account, in the registry's order (cached for one call). */
    private static Map<LedgerAddress, Member> membersOn(LedgerConnection chain) throws LedgerException {
        Map<LedgerAddress, Member> members = new LinkedHashMap<>();
        for (Member member : chain.members()) {
            members.put(member.account(), member);
        }
        return members;
    }

    private static ConsortiumRecord record(AnchoredRecord anchored, Map<LedgerAddress, Member> members,
            ReadAccess access, boolean kept) {
        Member custodian = members.get(anchored.custodian());
        return new ConsortiumRecord(HexFormat.of().formatHex(anchored.anchor().recordId().toBytes()),
                anchored.custodian(), custodian == null ? null : custodian.displayName(),
                anchored.anchor().category().code(), anchored.anchor().contentType(), anchored.anchoredAt(), access,
                kept);
    }

    /**
     * Whether this node may read the record now: as its custodian, or as the chain's consent state allows. A grant
     * or an emergency access usually covers many of a patient's records: its expiry is read once per listing.
     */
    private static ReadAccess readAccess(LedgerConnection chain, AnchoredRecord anchored,
            Map<AccessBasis, Optional<Instant>> expiries) throws LedgerException {
        if (anchored.custodian().equals(chain.account())) {
            return ReadAccess.asCustodian();
        }
        try {
            AccessBasis basis = chain.checkAccess(anchored.anchor().recordId(), chain.account());
            Optional<Instant> expiry = expiries.get(basis);
            if (expiry == null) {
                expiry = Optional.ofNullable(expiryOf(chain, basis));
                expiries.put(basis, expiry);
            }
            return ReadAccess.through(basis, expiry.orElse(null));
        } catch (NotAuthorizedException e) {
            return ReadAccess.refused("no grant");
        } catch (GrantRevokedException e) {
            return ReadAccess.refused("grant revoked");
        } catch (GrantExpiredException e) {
            return ReadAccess.refused("grant expired");
        }
    }

    private static Instant expiryOf(LedgerConnection chain, AccessBasis basis) throws LedgerException {
        return switch (basis.kind()) {
            case GRANT -> chain.findGrant(basis.id()).map(Grant::expiresAt).orElse(null);
            case EMERGENCY -> chain.findEmergencyAccess(basis.id()).map(EmergencyAccess::expiresAt).orElse(null);
            case CUSTODIAN -> null;
        };
    }

    private static DependencyUnavailableException unavailable(String what, LedgerException e) {
        return new DependencyUnavailableException("the chain node cannot list " + what + ": " + e.getMessage(),
                "the chain cannot list " + what + " now; try again later", e);
    }
}
