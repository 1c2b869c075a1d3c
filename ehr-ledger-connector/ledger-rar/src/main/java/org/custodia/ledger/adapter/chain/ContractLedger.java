package org.custodia.ledger.adapter.chain;

import static org.custodia.ledger.adapter.chain.ChainValues.address;
import static org.custodia.ledger.adapter.chain.ChainValues.bytes32;
import static org.custodia.ledger.adapter.chain.ChainValues.instant;
import static org.custodia.ledger.adapter.chain.ChainValues.result;
import static org.custodia.ledger.adapter.chain.ChainValues.unixSeconds;

import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import org.custodia.ledger.api.AccessBasis;
import org.custodia.ledger.api.AccessRequest;
import org.custodia.ledger.api.AccessScope;
import org.custodia.ledger.api.AnchoredAuditHead;
import org.custodia.ledger.api.AnchoredRecord;
import org.custodia.ledger.api.AuditHead;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.Category;
import org.custodia.ledger.api.ChainStatus;
import org.custodia.ledger.api.ContractRefusalException;
import org.custodia.ledger.api.EmergencyAccess;
import org.custodia.ledger.api.EmergencyReason;
import org.custodia.ledger.api.EventDeliveryStatus;
import org.custodia.ledger.api.Grant;
import org.custodia.ledger.api.InvalidSignatureException;
import org.custodia.ledger.api.Issued;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerEvent;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.LedgerUnavailableException;
import org.custodia.ledger.api.Member;
import org.custodia.ledger.api.MemberRole;
import org.custodia.ledger.api.NotAuthorizedException;
import org.custodia.ledger.api.RecordAnchor;
import org.custodia.ledger.api.TransactionResult;
import org.custodia.ledger.api.TransactionState;
import org.custodia.ledger.api.UnknownEntryException;
import org.custodia.ledger.contracts.generated.ConsentRegistry;
import org.custodia.ledger.contracts.generated.ConsortiumRegistry;
import org.custodia.ledger.contracts.generated.RecordRegistry;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The ledger operations of the API, carried out on the access contracts through a {@link LedgerNode}, with one
 * {@link CompletionPolicy} for the transactions. Thread-safe.
 */
public final class ContractLedger {

    private static final EventDecoder EVENTS = new EventDecoder();
    /** The consent registry numbers grants, requests and emergency declarations from 1: no entry has a lower id. */
    private static final long FIRST_ID = 1;

    private final LedgerNode node;
    private final CompletionPolicy policy;

    public ContractLedger(LedgerNode node, CompletionPolicy policy) {
        this.node = node;
        this.policy = policy;
    }

    /** The node's view of the chain, with the given state of the resource adapter's event subscriptions. */
    public ChainStatus chainStatus(List<EventDeliveryStatus> eventDeliveries) throws LedgerException {
        EthBlock answer = node.client().send("read the latest block", node.client().web3j()
                .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false));
        EthBlock.Block latest = answer.hasError() ? null : answer.getBlock();
        if (latest == null) {
            throw new LedgerUnavailableException("chain node " + node.client().shownUrl() + " gave no latest block"
                    + (answer.hasError() ? ": " + answer.getError().getMessage() : ""), null);
        }
        long chainId = node.chainId();
        try {
            return new ChainStatus(chainId, latest.getNumber().longValueExact(), instant(latest.getTimestamp()),
                    node.account(), eventDeliveries);
        } catch (RuntimeException unreadable) {
            throw new LedgerUnavailableException("chain node " + node.client().shownUrl() + " gave a latest block "
                    + "whose number or time cannot be read", unreadable);
        }
    }

    public LedgerAddress account() {
        return node.account();
    }

    public byte[] sign(byte[] message) {
        return node.sign(message);
    }

    public LedgerAddress recoverSigner(byte[] message, byte[] signature) throws InvalidSignatureException {
        return SignatureRecovery.signerOf(message, signature);
    }

    public Optional<TransactionResult> findTransaction(Bytes32 transactionHash) throws LedgerException {
        return node.sender().findReceipt(transactionHash).filter(TransactionReceipt::isStatusOK)
                .map(ChainValues::result);
    }

    public TransactionState transactionState(Bytes32 transactionHash) throws LedgerException {
        Optional<TransactionReceipt> receipt = node.sender().findReceipt(transactionHash);
        if (receipt.isPresent()) {
            return receipt.get().isStatusOK() ? TransactionState.MINED : TransactionState.REVERTED;
        }
        return node.sender().isKnown(transactionHash) ? TransactionState.PENDING : TransactionState.UNKNOWN;
    }

    public TransactionResult registerMember(Member member) throws LedgerException {
        ConsortiumRegistry consortium = node.consortium();
        return result(send("register member " + member.account(), consortium, consortium.addMember(
                member.account().toString(), BigInteger.valueOf(member.role().code()), member.displayName(),
                member.endpoint().toString(), member.prePublicKey())));
    }

    public TransactionResult removeMember(LedgerAddress account) throws LedgerException {
        ConsortiumRegistry consortium = node.consortium();
        return result(send("remove member " + account, consortium, consortium.removeMember(account.toString())));
    }

    public TransactionResult updateOwnProfile(URI endpoint, byte[] prePublicKey) throws LedgerException {
        Objects.requireNonNull(endpoint, "the endpoint to publish is missing");
        Objects.requireNonNull(prePublicKey, "the PRE public key to publish is missing");
        if (prePublicKey.length > Member.MAX_PRE_PUBLIC_KEY) {
            throw new IllegalArgumentException("a PRE public key encoding may have at most "
                    + Member.MAX_PRE_PUBLIC_KEY + " bytes, got " + prePublicKey.length);
        }
        ConsortiumRegistry consortium = node.consortium();
        return result(send("publish the profile of " + node.account(), consortium,
                consortium.updateOwnProfile(endpoint.toString(), prePublicKey.clone())));
    }

    /** The member's registration, in one read: {@code getMember} refuses a non-member with {@code NotMember}. */
    public Optional<Member> findMember(LedgerAddress account) throws LedgerException {
        ConsortiumRegistry consortium = node.consortium();
        try {
            return Optional.of(member((ConsortiumRegistry.Member) call("read member " + account, consortium,
                    consortium.getMember(account.toString())).get(0)));
        } catch (NotAuthorizedException e) {
            if (!"NotMember".equals(e.errorName())) {
                throw e;
            }
            return Optional.empty();
        }
    }

    /**
     * The whole directory in one {@code allMembers} read. A consortium registry deployed by an earlier version has no
     * such function (the call reverts without a reason; deployed contracts cannot change): it is then read as before,
     * {@code memberAccounts} and one {@code getMember} per account.
     */
    @SuppressWarnings("unchecked")
    public List<Member> members() throws LedgerException {
        ConsortiumRegistry consortium = node.consortium();
        List<ConsortiumRegistry.Member> found;
        try {
            found = (List<ConsortiumRegistry.Member>) call("read the member directory", consortium,
                    consortium.allMembers()).get(0).getValue();
        } catch (ContractRefusalException e) {
            requireOlderContract(e);
            return membersOneByOne();
        }
        List<Member> members = new ArrayList<>(found.size());
        for (ConsortiumRegistry.Member member : found) {
            members.add(member(member));
        }
        return List.copyOf(members);
    }

    private List<Member> membersOneByOne() throws LedgerException {
        ConsortiumRegistry consortium = node.consortium();
        List<LedgerAddress> accounts = list(call("list the member accounts", consortium, consortium.memberAccounts()),
                value -> address((String) value));
        List<Member> members = new ArrayList<>(accounts.size());
        for (LedgerAddress account : accounts) {
            findMember(account).ifPresent(members::add);
        }
        return List.copyOf(members);
    }

    private static Member member(ConsortiumRegistry.Member found) throws LedgerException {
        LedgerAddress account = address(found.account);
        return new Member(account, MemberRole.ofCode(found.role.intValueExact()), found.displayName,
                Member.endpointOf(found.endpoint), found.prePublicKey, instant(found.registeredAt));
    }

    /** Anchors a record, in a transaction of its own or together with others sent at the same time. */
    public TransactionResult anchorRecord(RecordAnchor anchor) throws LedgerException {
        return node.anchors().submit(anchor, this::anchorNow);
    }

    private List<TransactionResult> anchorNow(List<RecordAnchor> anchors) throws LedgerException {
        RecordRegistry records = node.records();
        TransactionResult result;
        if (anchors.size() == 1) {
            RecordAnchor anchor = anchors.get(0);
            result = result(send("anchor record " + anchor.recordId(), records, records.anchor(
                    anchor.recordId().toBytes(), anchor.patientPseudonym().toBytes(), anchor.envelopeHash().toBytes(),
                    anchor.category().toBytes32().toBytes(), anchor.contentType(), supersedes(anchor))));
        } else {
            String what = "anchor " + anchors.size() + " records (" + anchors.get(0).recordId() + " and others)";
            result = result(send(what, records, records.anchorBatch(anchors.stream()
                    .map(anchor -> new RecordRegistry.NewAnchor(anchor.recordId().toBytes(),
                            anchor.patientPseudonym().toBytes(), anchor.envelopeHash().toBytes(),
                            anchor.category().toBytes32().toBytes(), anchor.contentType(), supersedes(anchor)))
                    .toList())));
        }
        keepAnchored(anchors, result);
        return Collections.nCopies(anchors.size(), result);
    }

    /**
     * Keeps the records a successful transaction just anchored, so that their first download needs no call to the
     * chain node either: the contract stores each anchor as sent, by this node's account, at the block's time (or
     * reverts the whole transaction). The block's time takes one more read; if that fails, the anchors are read
     * from the chain on first use, like any other record.
     */
    private void keepAnchored(List<RecordAnchor> anchors, TransactionResult result) {
        EthBlock.Block block;
        try {
            block = node.client().send("read block " + result.blockNumber(), node.client().web3j()
                    .ethGetBlockByHash(result.blockHash().toString(), false)).getBlock();
        } catch (LedgerException e) {
            return;
        }
        if (block == null) {
            return;
        }
        Instant anchoredAt = instant(block.getTimestamp());
        for (RecordAnchor anchor : anchors) {
            node.anchoredRecords().keep(new AnchoredRecord(anchor, node.account(), anchoredAt));
        }
    }

    private static byte[] supersedes(RecordAnchor anchor) {
        return anchor.supersedes().map(Bytes32::toBytes).orElse(new byte[Bytes32.LENGTH]);
    }

    /**
     * Read from the chain until found, then from {@link AnchoredRecords} (as are the records anchored here): an anchor
     * never changes.
     */
    public Optional<AnchoredRecord> findRecord(Bytes32 recordId) throws LedgerException {
        Optional<AnchoredRecord> known = node.anchoredRecords().find(recordId);
        if (known.isPresent()) {
            return known;
        }
        RecordRegistry records = node.records();
        Optional<AnchoredRecord> onChain = find("read record " + recordId, records,
                records.getRecord(recordId.toBytes())).map(found -> {
                    RecordAnchor anchor = new RecordAnchor(recordId, bytes32(found.patientPseudonym),
                            bytes32(found.envelopeHash), Category.fromBytes32(bytes32(found.category)),
                            found.contentType, ChainValues.optionalBytes32(found.supersedes));
                    return new AnchoredRecord(anchor, address(found.custodian), instant(found.anchoredAt));
                });
        onChain.ifPresent(node.anchoredRecords()::keep);
        return onChain;
    }

    public List<Bytes32> recordsOfPatient(Bytes32 patientPseudonym) throws LedgerException {
        RecordRegistry records = node.records();
        return list(call("list the records of a patient", records, records.recordsOfPatient(patientPseudonym.toBytes())),
                value -> bytes32((byte[]) value));
    }

    /**
     * The length of the patient's list in one read. A record registry deployed by an earlier version has no such
     * function (the call reverts without a reason): the whole list is read, once for all the calls that share
     * {@code wholeLists} (one caller's connection), and counted.
     */
    public long recordCountOfPatient(Bytes32 patientPseudonym, Map<Bytes32, List<Bytes32>> wholeLists)
            throws LedgerException {
        if (node.recordListsInParts()) {
            RecordRegistry records = node.records();
            try {
                return ((BigInteger) call("count the records of a patient", records,
                        records.recordCountOfPatient(patientPseudonym.toBytes())).get(0).getValue()).longValueExact();
            } catch (ContractRefusalException e) {
                olderRecordRegistry(e);
            }
        }
        return wholeList(patientPseudonym, wholeLists).size();
    }

    /**
     * A part of the patient's list in one read; from a registry deployed by an earlier version, of the whole list
     * read once for all the calls that share {@code wholeLists}.
     */
    public List<Bytes32> recordsOfPatient(Bytes32 patientPseudonym, long start, int count,
            Map<Bytes32, List<Bytes32>> wholeLists) throws LedgerException {
        if (start < 0 || count < 0) {
            throw new IllegalArgumentException("a part of a list starts at 0 or later and holds 0 or more ids");
        }
        if (node.recordListsInParts()) {
            RecordRegistry records = node.records();
            try {
                return list(call("list a part of the records of a patient", records, records.recordsOfPatientFrom(
                        patientPseudonym.toBytes(), BigInteger.valueOf(start), BigInteger.valueOf(count))),
                        value -> bytes32((byte[]) value));
            } catch (ContractRefusalException e) {
                olderRecordRegistry(e);
            }
        }
        List<Bytes32> all = wholeList(patientPseudonym, wholeLists);
        int from = (int) Math.min(start, all.size());
        return all.subList(from, (int) Math.min((long) from + count, all.size()));
    }

    private List<Bytes32> wholeList(Bytes32 patientPseudonym, Map<Bytes32, List<Bytes32>> wholeLists)
            throws LedgerException {
        List<Bytes32> all = wholeLists.get(patientPseudonym);
        if (all == null) {
            all = recordsOfPatient(patientPseudonym);
            wholeLists.put(patientPseudonym, all);
        }
        return all;
    }

    /** Notes a record registry without the function called, or passes on any other refusal. */
    private void olderRecordRegistry(ContractRefusalException refusal) throws ContractRefusalException {
        requireOlderContract(refusal);
        node.recordListsWholeOnly();
    }

    /**
     * Passes on a refusal unless it says that a contract deployed by an earlier version has no such function (a
     * view of these contracts never refuses without a reason otherwise).
     */
    private static void requireOlderContract(ContractRefusalException refusal) throws ContractRefusalException {
        if (!AbiRevertDecoder.UNNAMED.equals(refusal.errorName())) {
            throw refusal;
        }
    }

    public TransactionResult anchorAuditHead(AuditHead head) throws LedgerException {
        Objects.requireNonNull(head, "the audit trail head to anchor is missing");
        RecordRegistry records = node.records();
        return result(send("anchor audit trail head " + head.sequence(), records, records.anchorAuditHead(
                BigInteger.valueOf(head.sequence()), head.entryHash().toBytes())));
    }

    public long auditHeadCount(LedgerAddress member) throws LedgerException {
        RecordRegistry records = node.records();
        return ((BigInteger) call("count the audit trail heads of " + member, records,
                records.auditHeadCount(member.toString())).get(0).getValue()).longValueExact();
    }

    public Optional<AnchoredAuditHead> findAuditHead(LedgerAddress member, long index) throws LedgerException {
        RecordRegistry records = node.records();
        return find("read audit trail head " + index + " of " + member, records,
                records.getAuditHead(member.toString(), BigInteger.valueOf(index)))
                .map(found -> new AnchoredAuditHead(new AuditHead(found.sequence.longValueExact(),
                        bytes32(found.entryHash)), found.blockNumber.longValueExact(), instant(found.anchoredAt)));
    }

    public Issued grant(AccessScope scope, LedgerAddress grantee, String purpose, Instant expiresAt)
            throws LedgerException {
        ConsentRegistry consent = node.consent();
        TransactionReceipt receipt = send("grant " + grantee + " access", consent, consent.grant(
                scope.patientPseudonym().toBytes(), grantee.toString(), BigInteger.valueOf(scope.kind().code()),
                ChainValues.recordIdOf(scope), ChainValues.categoryOf(scope), purpose, unixSeconds(expiresAt)));
        return new Issued(ConsentRegistry.getConsentGrantedEvents(receipt).get(0).grantId.longValueExact(),
                result(receipt));
    }

    public TransactionResult revokeGrant(long grantId) throws LedgerException {
        ConsentRegistry consent = node.consent();
        return result(send("revoke grant " + grantId, consent, consent.revoke(BigInteger.valueOf(grantId))));
    }

    public Issued requestAccess(AccessScope scope, LedgerAddress custodian, String purpose) throws LedgerException {
        ConsentRegistry consent = node.consent();
        TransactionReceipt receipt = send("request access from " + custodian, consent, consent.requestAccess(
                scope.patientPseudonym().toBytes(), custodian.toString(), BigInteger.valueOf(scope.kind().code()),
                ChainValues.recordIdOf(scope), ChainValues.categoryOf(scope), purpose));
        return new Issued(ConsentRegistry.getAccessRequestedEvents(receipt).get(0).requestId.longValueExact(),
                result(receipt));
    }

    public Issued approveRequest(long requestId, Instant expiresAt) throws LedgerException {
        ConsentRegistry consent = node.consent();
        TransactionReceipt receipt = send("approve access request " + requestId, consent,
                consent.approveRequest(BigInteger.valueOf(requestId), unixSeconds(expiresAt)));
        return new Issued(ConsentRegistry.getAccessRequestApprovedEvents(receipt).get(0).grantId.longValueExact(),
                result(receipt));
    }

    public TransactionResult denyRequest(long requestId) throws LedgerException {
        ConsentRegistry consent = node.consent();
        return result(send("deny access request " + requestId, consent,
                consent.denyRequest(BigInteger.valueOf(requestId))));
    }

    public Issued declareEmergencyAccess(Bytes32 patientPseudonym, EmergencyReason reason) throws LedgerException {
        Objects.requireNonNull(reason, "the emergency reason is missing");
        ConsentRegistry consent = node.consent();
        TransactionReceipt receipt = send("declare emergency access (" + reason + ")", consent,
                consent.emergencyAccess(patientPseudonym.toBytes(), BigInteger.valueOf(reason.code())));
        return new Issued(
                ConsentRegistry.getEmergencyAccessDeclaredEvents(receipt).get(0).emergencyId.longValueExact(),
                result(receipt));
    }

    public TransactionResult markEmergencyReviewed(long emergencyId) throws LedgerException {
        ConsentRegistry consent = node.consent();
        return result(send("mark emergency access " + emergencyId + " reviewed", consent,
                consent.markReviewed(BigInteger.valueOf(emergencyId))));
    }

    /** Logs an access, in a transaction of its own or together with others logged at the same time. */
    public Issued logAccess(Bytes32 recordId, LedgerAddress accessor) throws LedgerException {
        return node.accessLogs().submit(new AccessToLog(recordId, accessor), this::logNow);
    }

    private List<Issued> logNow(List<AccessToLog> accesses) throws LedgerException {
        ConsentRegistry consent = node.consent();
        TransactionReceipt receipt;
        if (accesses.size() == 1) {
            AccessToLog access = accesses.get(0);
            receipt = send("log access to record " + access.recordId() + " by " + access.accessor(), consent,
                    consent.logAccess(access.recordId().toBytes(), access.accessor().toString()));
        } else {
            receipt = send("log " + accesses.size() + " accesses (" + accesses.get(0) + " and others)", consent,
                    consent.logAccessBatch(accesses.stream().map(access -> new ConsentRegistry.AccessToLog(
                            access.recordId().toBytes(), access.accessor().toString())).toList()));
        }
        TransactionResult result = result(receipt);
        return ConsentRegistry.getAccessLoggedEvents(receipt).stream()
                .map(logged -> new Issued(logged.logId.longValueExact(), result)).toList();
    }

    public List<LedgerEvent.AccessLogged> accessLogsIn(Bytes32 transactionHash) throws LedgerException {
        LedgerAddress consent = node.contracts().consentRegistry();
        Optional<TransactionReceipt> receipt = node.sender().findReceipt(transactionHash)
                .filter(TransactionReceipt::isStatusOK);
        try {
            return receipt.stream().flatMap(mined -> mined.getLogs().stream())
                    .filter(log -> consent.equals(LedgerAddress.fromHex(log.getAddress())))
                    .flatMap(log -> EVENTS.decode(log).stream())
                    .flatMap(event -> event instanceof LedgerEvent.AccessLogged logged ? Stream.of(logged)
                            : Stream.empty())
                    .toList();
        } catch (RuntimeException e) {
            throw new LedgerException("the receipt of transaction " + transactionHash + " from chain node "
                    + node.client().shownUrl() + " holds a log this ledger adapter cannot decode (" + e + "): deploy "
                    + "the ledger adapter built for these contracts", e);
        }
    }

    public boolean hasAccess(Bytes32 recordId, LedgerAddress member) throws LedgerException {
        ConsentRegistry consent = node.consent();
        return (Boolean) call("check access to record " + recordId, consent,
                consent.hasAccess(recordId.toBytes(), member.toString())).get(0).getValue();
    }

    public AccessBasis checkAccess(Bytes32 recordId, LedgerAddress member) throws LedgerException {
        ConsentRegistry consent = node.consent();
        List<Type> basis = call("check access of " + member + " to record " + recordId, consent,
                consent.checkAccess(recordId.toBytes(), member.toString()));
        return new AccessBasis(AccessBasis.Kind.ofCode(((BigInteger) basis.get(0).getValue()).intValueExact()),
                ((BigInteger) basis.get(1).getValue()).longValueExact());
    }

    public Optional<Grant> findGrant(long grantId) throws LedgerException {
        if (grantId < FIRST_ID) {
            return Optional.empty();
        }
        ConsentRegistry consent = node.consent();
        return find("read grant " + grantId, consent, consent.getGrant(BigInteger.valueOf(grantId)))
                .map(found -> new Grant(grantId,
                        ChainValues.scope(found.scope, found.patientPseudonym, found.recordId, found.category),
                        address(found.custodian), address(found.grantee), found.purpose, instant(found.grantedAt),
                        instant(found.expiresAt), ChainValues.optionalInstant(found.revokedAt),
                        ChainValues.optionalId(found.requestId)));
    }

    public Optional<AccessRequest> findAccessRequest(long requestId) throws LedgerException {
        if (requestId < FIRST_ID) {
            return Optional.empty();
        }
        ConsentRegistry consent = node.consent();
        return find("read access request " + requestId, consent, consent.getRequest(BigInteger.valueOf(requestId)))
                .map(found -> new AccessRequest(requestId,
                        ChainValues.scope(found.scope, found.patientPseudonym, found.recordId, found.category),
                        address(found.requester), address(found.custodian), found.purpose,
                        instant(found.requestedAt), AccessRequest.Status.ofCode(found.status.intValueExact()),
                        ChainValues.optionalId(found.grantId)));
    }

    public Optional<EmergencyAccess> findEmergencyAccess(long emergencyId) throws LedgerException {
        if (emergencyId < FIRST_ID) {
            return Optional.empty();
        }
        ConsentRegistry consent = node.consent();
        return find("read emergency access " + emergencyId, consent,
                consent.getEmergency(BigInteger.valueOf(emergencyId)))
                .map(found -> new EmergencyAccess(emergencyId, bytes32(found.patientPseudonym),
                        address(found.requester), EmergencyReason.ofCode(found.reason.intValueExact()),
                        instant(found.declaredAt), instant(found.expiresAt),
                        ChainValues.optionalAddress(found.reviewedBy), ChainValues.optionalInstant(found.reviewedAt)));
    }

    private TransactionReceipt send(String what, org.web3j.tx.Contract contract, RemoteFunctionCall<?> function)
            throws LedgerException {
        node.verifyContracts();
        return node.sender().execute(what, contract.getContractAddress(), function, policy);
    }

    private List<Type> call(String what, org.web3j.tx.Contract contract, RemoteFunctionCall<?> function)
            throws LedgerException {
        return node.caller().call(what, contract.getContractAddress(), function);
    }

    /** Reads a struct, or nothing when the contract says the entry is unknown. */
    @SuppressWarnings("unchecked")
    private <T> Optional<T> find(String what, org.web3j.tx.Contract contract, RemoteFunctionCall<T> function)
            throws LedgerException {
        try {
            return Optional.of((T) call(what, contract, function).get(0));
        } catch (UnknownEntryException e) {
            return Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(List<Type> outputs, Function<Object, T> convert) {
        return ((List<Type>) outputs.get(0).getValue()).stream().map(element -> convert.apply(element.getValue()))
                .toList();
    }
}
