package org.custodia.ledger.adapter.chain;

import static org.custodia.ledger.adapter.chain.ChainValues.address;
import static org.custodia.ledger.adapter.chain.ChainValues.bytes32;
import static org.custodia.ledger.adapter.chain.ChainValues.instant;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import org.custodia.ledger.api.AccessBasis;
import org.custodia.ledger.api.AuditHead;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.Category;
import org.custodia.ledger.api.EmergencyReason;
import org.custodia.ledger.api.EventPosition;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerEvent;
import org.custodia.ledger.api.Member;
import org.custodia.ledger.api.MemberRole;
import org.custodia.ledger.api.RecordAnchor;
import org.custodia.ledger.contracts.generated.ConsentRegistry;
import org.custodia.ledger.contracts.generated.ConsortiumRegistry;
import org.custodia.ledger.contracts.generated.RecordRegistry;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Event;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Turns contract logs into the API's typed events, using the generated wrappers' event definitions. Knows every
 * event of the three access contracts; {@link #topics(Set)} gives the topic filter for a set of event names.
 */
public final class EventDecoder {

    private final Map<String, Decoding> byTopic = new HashMap<>();

    private record Decoding(String name, BiFunction<EventPosition, Log, LedgerEvent> decode) {
    }

    public EventDecoder() {
        add(ConsortiumRegistry.ADMINTRANSFERRED_EVENT, (at, log) -> {
            var e = ConsortiumRegistry.getAdminTransferredEventFromLog(log);
            return new LedgerEvent.AdminTransferred(at, address(e.previousAdmin), address(e.newAdmin));
        });
        add(ConsortiumRegistry.MEMBERADDED_EVENT, (at, log) -> {
            var e = ConsortiumRegistry.getMemberAddedEventFromLog(log);
            return new LedgerEvent.MemberAdded(at, address(e.account), MemberRole.ofCode(e.role.intValueExact()),
                    e.displayName, Member.endpointOf(e.endpoint), e.prePublicKey);
        });
        add(ConsortiumRegistry.MEMBERUPDATED_EVENT, (at, log) -> {
            var e = ConsortiumRegistry.getMemberUpdatedEventFromLog(log);
            return new LedgerEvent.MemberUpdated(at, address(e.account), e.displayName,
                    Member.endpointOf(e.endpoint), e.prePublicKey);
        });
        add(ConsortiumRegistry.MEMBERREMOVED_EVENT, (at, log) ->
                new LedgerEvent.MemberRemoved(at, address(ConsortiumRegistry.getMemberRemovedEventFromLog(log).account)));
        add(RecordRegistry.RECORDANCHORED_EVENT, (at, log) -> {
            var e = RecordRegistry.getRecordAnchoredEventFromLog(log);
            return new LedgerEvent.RecordAnchored(at, address(e.custodian), new RecordAnchor(bytes32(e.recordId),
                    bytes32(e.patientPseudonym), bytes32(e.envelopeHash), Category.fromBytes32(bytes32(e.category)),
                    e.contentType, ChainValues.optionalBytes32(e.supersedes)));
        });
        add(RecordRegistry.AUDITHEADANCHORED_EVENT, (at, log) -> {
            var e = RecordRegistry.getAuditHeadAnchoredEventFromLog(log);
            return new LedgerEvent.AuditHeadAnchored(at, address(e.member),
                    new AuditHead(e.sequence.longValueExact(), bytes32(e.entryHash)));
        });
        add(ConsentRegistry.CONSENTGRANTED_EVENT, (at, log) -> {
            var e = ConsentRegistry.getConsentGrantedEventFromLog(log);
            return new LedgerEvent.ConsentGranted(at, e.grantId.longValueExact(),
                    ChainValues.scope(e.scope, e.patientPseudonym, e.recordId, e.category), address(e.custodian),
                    address(e.grantee), e.purpose, instant(e.expiresAt), ChainValues.optionalId(e.requestId));
        });
        add(ConsentRegistry.CONSENTREVOKED_EVENT, (at, log) -> {
            var e = ConsentRegistry.getConsentRevokedEventFromLog(log);
            return new LedgerEvent.ConsentRevoked(at, e.grantId.longValueExact(), bytes32(e.patientPseudonym),
                    address(e.grantee), address(e.custodian));
        });
        add(ConsentRegistry.ACCESSREQUESTED_EVENT, (at, log) -> {
            var e = ConsentRegistry.getAccessRequestedEventFromLog(log);
            return new LedgerEvent.AccessRequested(at, e.requestId.longValueExact(),
                    ChainValues.scope(e.scope, e.patientPseudonym, e.recordId, e.category), address(e.requester),
                    address(e.custodian), e.purpose);
        });
        add(ConsentRegistry.ACCESSREQUESTAPPROVED_EVENT, (at, log) -> {
            var e = ConsentRegistry.getAccessRequestApprovedEventFromLog(log);
            return new LedgerEvent.AccessRequestApproved(at, e.requestId.longValueExact(), e.grantId.longValueExact(),
                    address(e.requester));
        });
        add(ConsentRegistry.ACCESSREQUESTDENIED_EVENT, (at, log) -> {
            var e = ConsentRegistry.getAccessRequestDeniedEventFromLog(log);
            return new LedgerEvent.AccessRequestDenied(at, e.requestId.longValueExact(), address(e.requester),
                    address(e.custodian));
        });
        add(ConsentRegistry.EMERGENCYACCESSDECLARED_EVENT, (at, log) -> {
            var e = ConsentRegistry.getEmergencyAccessDeclaredEventFromLog(log);
            return new LedgerEvent.EmergencyAccessDeclared(at, e.emergencyId.longValueExact(),
                    bytes32(e.patientPseudonym), address(e.requester),
                    EmergencyReason.ofCode(e.reason.intValueExact()), instant(e.expiresAt));
        });
        add(ConsentRegistry.EMERGENCYACCESSREVIEWED_EVENT, (at, log) -> {
            var e = ConsentRegistry.getEmergencyAccessReviewedEventFromLog(log);
            return new LedgerEvent.EmergencyAccessReviewed(at, e.emergencyId.longValueExact(),
                    bytes32(e.patientPseudonym), address(e.reviewer));
        });
        add(ConsentRegistry.ACCESSLOGGED_EVENT, (at, log) -> {
            var e = ConsentRegistry.getAccessLoggedEventFromLog(log);
            return new LedgerEvent.AccessLogged(at, e.logId.longValueExact(), bytes32(e.recordId),
                    address(e.accessor), address(e.proxy), bytes32(e.patientPseudonym),
                    new AccessBasis(AccessBasis.Kind.ofCode(e.basis.intValueExact()), e.basisId.longValueExact()));
        });
    }

    private void add(Event event, BiFunction<EventPosition, Log, LedgerEvent> decode) {
        byTopic.put(EventEncoder.encode(event), new Decoding(event.getName(), decode));
    }

    /** The names of all events the contracts emit. */
    public Set<String> eventNames() {
        return byTopic.values().stream().map(Decoding::name).collect(Collectors.toSet());
    }

    /** topic-0 values for the named events (all events for an empty set). */
    public Set<String> topics(Set<String> eventNames) {
        Set<String> topics = new HashSet<>();
        byTopic.forEach((topic, decoding) -> {
            if (eventNames.isEmpty() || eventNames.contains(decoding.name())) {
                topics.add(topic);
            }
        });
        return topics;
    }

    /** The typed event for {@code log}, or empty when it is not an access contract event. */
    public Optional<LedgerEvent> decode(Log log) {
        if (log.getTopics().isEmpty()) {
            return Optional.empty();
        }
        Decoding decoding = byTopic.get(log.getTopics().get(0));
        if (decoding == null) {
            return Optional.empty();
        }
        EventPosition position = new EventPosition(log.getBlockNumber().longValueExact(),
                log.getLogIndex().intValueExact(), Bytes32.fromHex(log.getBlockHash()),
                Bytes32.fromHex(log.getTransactionHash()), LedgerAddress.fromHex(log.getAddress()));
        return Optional.of(decoding.decode().apply(position, log));
    }
}
