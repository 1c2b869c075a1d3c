package org.custodia.ledger.adapter;

import static org.custodia.ledger.adapter.ConnectorFixture.ADMIN;
import static org.custodia.ledger.adapter.ConnectorFixture.HOSPITAL_A;
import static org.custodia.ledger.adapter.ConnectorFixture.HOSPITAL_B;
import static org.custodia.ledger.adapter.ConnectorFixture.OUTSIDER;
import static org.custodia.ledger.adapter.ConnectorFixture.PROXY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.custodia.ledger.adapter.chain.EventDecoder;
import org.custodia.ledger.api.AccessBasis;
import org.custodia.ledger.api.AccessRequest;
import org.custodia.ledger.api.AccessScope;
import org.custodia.ledger.api.AlreadyAnchoredException;
import org.custodia.ledger.api.AnchoredAuditHead;
import org.custodia.ledger.api.AnchoredRecord;
import org.custodia.ledger.api.AuditHead;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.Category;
import org.custodia.ledger.api.ChainStatus;
import org.custodia.ledger.api.EmergencyAccess;
import org.custodia.ledger.api.EmergencyReason;
import org.custodia.ledger.api.GrantExpiredException;
import org.custodia.ledger.api.GrantRevokedException;
import org.custodia.ledger.api.InvalidLedgerInputException;
import org.custodia.ledger.api.InvalidSignatureException;
import org.custodia.ledger.api.Issued;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerConfigurationException;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.LedgerEvent;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.LedgerSignatures;
import org.custodia.ledger.api.Member;
import org.custodia.ledger.api.MemberRole;
import org.custodia.ledger.api.NotAuthorizedException;
import org.custodia.ledger.api.RecordAnchor;
import org.custodia.ledger.api.StateConflictException;
import org.custodia.ledger.api.TransactionResult;
import org.custodia.ledger.api.TransactionState;
import org.custodia.ledger.contracts.generated.ConsentRegistry;
import org.custodia.ledger.testing.AnvilNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** The connection's operations against the deployed contracts on anvil, signed by the adapter's keystore account. */
class LedgerConnectionTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Category LAB = new Category("laboratory");

    @TempDir
    static Path keystores;
    private static AnvilNode anvil;
    private static ConnectorFixture fixture;
    private static LedgerResourceAdapter hospitalA;
    private static LedgerResourceAdapter hospitalB;
    private static LedgerResourceAdapter proxy;
    private static LedgerResourceAdapter admin;
    private static LedgerResourceAdapter outsider;

    @BeforeAll
    static void deploy() {
        anvil = AnvilNode.start();
        fixture = new ConnectorFixture(anvil, keystores);
        hospitalA = fixture.adapter(HOSPITAL_A);
        hospitalB = fixture.adapter(HOSPITAL_B);
        proxy = fixture.adapter(PROXY);
        admin = fixture.adapter(ADMIN);
        outsider = fixture.adapter(OUTSIDER);
    }

    @AfterAll
    static void shutDown() {
        for (LedgerResourceAdapter adapter : List.of(hospitalA, hospitalB, proxy, admin, outsider)) {
            adapter.stop();
        }
        fixture.close();
        anvil.close();
    }

    private static LedgerConnection connect(LedgerResourceAdapter adapter) throws LedgerException {
        return ConnectorFixture.connectionFactory(adapter).getConnection();
    }

    private static Bytes32 random32() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Bytes32.of(bytes);
    }

    private static RecordAnchor anchorOf(Bytes32 patient) {
        return RecordAnchor.original(random32(), patient, random32(), LAB, "application/fhir+json");
    }

    /** The chain's clock, which tests move forward. */
    private static Instant chainNow() throws LedgerException {
        try (LedgerConnection connection = connect(hospitalA)) {
            return connection.chainStatus().latestBlockTime();
        }
    }

    @Test
    void anAnchorIntervalOutsideItsBoundsLeavesTheAdapterWithoutAChainLinkAndNamesTheSetting() throws Exception {
        for (long millis : new long[] {-1, 10_001}) {
            LedgerResourceAdapter adapter = fixture.configured(HOSPITAL_A);
            adapter.setAnchorIntervalMillis(millis);
            adapter.start(null);
            try {
                LedgerConfigurationException problem = assertThrows(LedgerConfigurationException.class,
                        adapter::node);
                assertTrue(problem.getMessage().contains("custodia.ledger.anchor-interval-millis")
                        && problem.getMessage().contains("got " + millis + " ms"), problem.getMessage());
            } finally {
                adapter.stop();
            }
        }
    }

    @Test
    void reportsChainStatusForTheHealthCheck() throws LedgerException {
        try (LedgerConnection connection = connect(hospitalA)) {
            ChainStatus status = connection.chainStatus();
            assertEquals(31337L, status.chainId());
            assertTrue(status.latestBlock() > 0, "contracts were deployed, so blocks exist");
            assertEquals(fixture.address(HOSPITAL_A), status.account());
        }
    }

    @Test
    void anchorsARecordThatCanBeReadBackAndFoundForThePatient() throws LedgerException {
        Bytes32 patient = random32();
        RecordAnchor anchor = anchorOf(patient);
        try (LedgerConnection connection = connect(hospitalA)) {
            TransactionResult result = connection.anchorRecord(anchor);
            AnchoredRecord stored = connection.findRecord(anchor.recordId()).orElseThrow();
            assertEquals(anchor, stored.anchor());
            assertEquals(fixture.address(HOSPITAL_A), stored.custodian());
            assertEquals(List.of(anchor.recordId()), connection.recordsOfPatient(patient));
            assertEquals(Optional.of(result), connection.findTransaction(result.transactionHash()));
            assertEquals(TransactionState.MINED, connection.transactionState(result.transactionHash()));
            assertEquals(TransactionState.UNKNOWN, connection.transactionState(random32()));
            assertEquals(Optional.empty(), connection.findRecord(random32()));
        }
    }

    @Test
    void aDuplicateAnchorIsRefusedAsAlreadyAnchoredAndChangesNothing() throws LedgerException {
        Bytes32 patient = random32();
        RecordAnchor anchor = anchorOf(patient);
        try (LedgerConnection a = connect(hospitalA); LedgerConnection b = connect(hospitalB)) {
            a.anchorRecord(anchor);
            RecordAnchor sameId = new RecordAnchor(anchor.recordId(), patient, random32(), LAB, "text/plain",
                    Optional.empty());
            AlreadyAnchoredException refusal = assertThrows(AlreadyAnchoredException.class,
                    () -> b.anchorRecord(sameId));
            assertEquals("AlreadyAnchored", refusal.errorName());
            assertTrue(refusal.getMessage().contains(anchor.recordId().toString()), refusal.getMessage());
            assertEquals(anchor, a.findRecord(anchor.recordId()).orElseThrow().anchor());
            assertEquals(fixture.address(HOSPITAL_A), a.findRecord(anchor.recordId()).orElseThrow().custodian());
        }
    }

    @Test
    void nonMembersAndWrongRolesAreRefusedAsNotAuthorized() throws LedgerException {
        Bytes32 patient = random32();
        try (LedgerConnection stranger = connect(outsider); LedgerConnection proxyConnection = connect(proxy)) {
            NotAuthorizedException notMember = assertThrows(NotAuthorizedException.class,
                    () -> stranger.anchorRecord(anchorOf(patient)));
            assertEquals("NotMember", notMember.errorName());
            assertTrue(notMember.getMessage().contains(fixture.address(OUTSIDER).toString()), notMember.getMessage());
            NotAuthorizedException notHospital = assertThrows(NotAuthorizedException.class,
                    () -> proxyConnection.anchorRecord(anchorOf(patient)));
            assertEquals("NotHospital", notHospital.errorName());
            assertEquals(List.of(), proxyConnection.recordsOfPatient(patient));
        }
    }

    @Test
    void onlyTheAdministratorRegistersAndRemovesMembers() throws LedgerException {
        Member newcomer = Member.toRegister(fixture.address(5), MemberRole.HOSPITAL, "St. Newcomer",
                URI.create("https://newcomer.custodia.test"), new byte[] {7, 7});
        try (LedgerConnection administrator = connect(admin); LedgerConnection a = connect(hospitalA)) {
            assertThrows(NotAuthorizedException.class, () -> a.registerMember(newcomer));
            administrator.registerMember(newcomer);
            Member stored = a.findMember(newcomer.account()).orElseThrow();
            assertEquals(newcomer.displayName(), stored.displayName());
            assertArrayEquals(newcomer.prePublicKey(), stored.prePublicKey());
            assertTrue(a.members().contains(stored), "the directory lists the newcomer as findMember reads it");
            administrator.removeMember(newcomer.account());
            assertEquals(Optional.empty(), a.findMember(newcomer.account()));
            assertTrue(a.members().stream().noneMatch(member -> member.account().equals(newcomer.account())));
        }
    }

    /**
     * A consortium registry deployed before {@code allMembers} existed, simulated on anvil by taking the function's
     * selector out of the deployed code's dispatcher: the directory is still read, member by member.
     */
    @Test
    void aRegistryDeployedWithoutAllMembersIsReadMemberByMember() throws LedgerException {
        String registry = fixture.contracts().addresses().consortiumRegistry().toString();
        String deployed = anvil.rpc("eth_getCode", "\"" + registry + "\", \"latest\"")
                .replaceAll("(?s).*\"result\":\"(0x[0-9a-f]*)\".*", "$1");
        String selector = "63" + Hash.sha3String("allMembers()").substring(2, 10);
        assertTrue(deployed.contains(selector), "the dispatcher pushes the selector of allMembers");
        try (LedgerConnection a = connect(hospitalA)) {
            List<Member> whole = a.members();
            assertTrue(whole.stream().anyMatch(member -> member.account().equals(a.account())), whole::toString);
            anvil.rpc("anvil_setCode", "\"" + registry + "\", \"" + deployed.replace(selector, "63deadbeef") + "\"");
            try {
                String call = "{\"to\":\"" + registry + "\",\"data\":\"0x" + selector.substring(2)
                        + "\"}, \"latest\"";
                assertThrows(IllegalStateException.class, () -> anvil.rpc("eth_call", call),
                        "the patched registry no longer has allMembers");
                assertEquals(whole, a.members());
            } finally {
                anvil.rpc("anvil_setCode", "\"" + registry + "\", \"" + deployed + "\"");
            }
        }
    }

    /**
     * A patient's records counted and read a part at a time; then from a record registry deployed before it could
     * (simulated on anvil as above, both functions' selectors taken out of its dispatcher, so that calling them
     * reverts), the same answers from the whole list.
     */
    @Test
    void aPatientsRecordsAreCountedAndReadAPartAtATimeAlsoFromAnOlderRegistry() throws LedgerException {
        Bytes32 patient = random32();
        List<Bytes32> anchored = new ArrayList<>();
        try (LedgerConnection a = connect(hospitalA)) {
            for (int i = 0; i < 5; i++) {
                RecordAnchor anchor = anchorOf(patient);
                a.anchorRecord(anchor);
                anchored.add(anchor.recordId());
            }
            String registry = fixture.contracts().addresses().recordRegistry().toString();
            String deployed = anvil.rpc("eth_getCode", "\"" + registry + "\", \"latest\"")
                    .replaceAll("(?s).*\"result\":\"(0x[0-9a-f]*)\".*", "$1");
            String count = "63" + Hash.sha3String("recordCountOfPatient(bytes32)").substring(2, 10);
            String part = "63" + Hash.sha3String("recordsOfPatientFrom(bytes32,uint256,uint256)").substring(2, 10);
            for (String selector : List.of(count, part)) {
                assertEquals(1, deployed.split(selector, -1).length - 1, "the dispatcher pushes " + selector + " once");
            }
            for (boolean older : List.of(false, true)) {
                if (older) {
                    anvil.rpc("anvil_setCode", "\"" + registry + "\", \""
                            + deployed.replace(count, "63deadbeef").replace(part, "63feedface") + "\"");
                    for (String selector : List.of(count, part)) {
                        String call = "{\"to\":\"" + registry + "\",\"data\":\"0x" + selector.substring(2)
                                + "0".repeat(3 * 64) + "\"}, \"latest\"";
                        assertThrows(IllegalStateException.class, () -> anvil.rpc("eth_call", call),
                                "the patched registry no longer has " + selector);
                    }
                }
                try {
                    assertEquals(5, a.recordCountOfPatient(patient));
                    assertEquals(0, a.recordCountOfPatient(random32()));
                    assertEquals(anchored.subList(1, 4), a.recordsOfPatient(patient, 1, 3));
                    assertEquals(anchored.subList(3, 5), a.recordsOfPatient(patient, 3, 10), "fewer at the end");
                    assertEquals(List.of(), a.recordsOfPatient(patient, 5, 1));
                    assertEquals(List.of(), a.recordsOfPatient(patient, 0, 0));
                    assertEquals(anchored, a.recordsOfPatient(patient, 0, Integer.MAX_VALUE));
                } finally {
                    anvil.rpc("anvil_setCode", "\"" + registry + "\", \"" + deployed + "\"");
                }
            }
            assertThrows(IllegalArgumentException.class, () -> a.recordsOfPatient(patient, -1, 1));
        }
    }

    @Test
    void grantsAllowAccessUntilRevokedAndRevocationIsReportedTyped() throws LedgerException {
        Bytes32 patient = random32();
        RecordAnchor anchor = anchorOf(patient);
        try (LedgerConnection a = connect(hospitalA); LedgerConnection b = connect(hospitalB);
                LedgerConnection p = connect(proxy)) {
            a.anchorRecord(anchor);
            LedgerAddressCheck.assertNoAccess(a, anchor.recordId(), fixture.address(HOSPITAL_B));
            Issued grant = a.grant(AccessScope.category(patient, LAB), fixture.address(HOSPITAL_B), "treatment",
                    chainNow().plus(Duration.ofDays(1)));
            assertTrue(a.hasAccess(anchor.recordId(), fixture.address(HOSPITAL_B)));
            assertEquals(new AccessBasis(AccessBasis.Kind.GRANT, grant.id()),
                    p.checkAccess(anchor.recordId(), fixture.address(HOSPITAL_B)));
            Issued logged = p.logAccess(anchor.recordId(), fixture.address(HOSPITAL_B));
            assertTrue(logged.id() > 0);
            assertThrows(NotAuthorizedException.class, () -> b.revokeGrant(grant.id()));
            a.revokeGrant(grant.id());
            assertFalse(a.hasAccess(anchor.recordId(), fixture.address(HOSPITAL_B)));
            assertThrows(GrantRevokedException.class, () -> p.checkAccess(anchor.recordId(),
                    fixture.address(HOSPITAL_B)));
            assertThrows(GrantRevokedException.class, () -> p.logAccess(anchor.recordId(),
                    fixture.address(HOSPITAL_B)));
            assertTrue(a.findGrant(grant.id()).orElseThrow().revokedAt().isPresent());
        }
    }

    @Test
    void idsBelowOneNameNoEntryAndAreNotSentToTheChain() throws LedgerException {
        try (LedgerConnection a = connect(hospitalA)) {
            for (long id : new long[] {0, -1, Long.MIN_VALUE}) {
                assertTrue(a.findGrant(id).isEmpty(), "grant " + id);
                assertTrue(a.findAccessRequest(id).isEmpty(), "access request " + id);
                assertTrue(a.findEmergencyAccess(id).isEmpty(), "emergency access " + id);
            }
        }
    }

    @Test
    void theAccessesATransactionLoggedAreReadFromItsReceiptByAnyMember() throws LedgerException {
        Bytes32 patient = random32();
        RecordAnchor anchor = anchorOf(patient);
        try (LedgerConnection a = connect(hospitalA); LedgerConnection b = connect(hospitalB);
                LedgerConnection p = connect(proxy)) {
            TransactionResult anchored = a.anchorRecord(anchor);
            Issued grant = a.grant(AccessScope.record(patient, anchor.recordId()), fixture.address(HOSPITAL_B),
                    "treatment", chainNow().plus(Duration.ofDays(1)));
            Issued logged = p.logAccess(anchor.recordId(), fixture.address(HOSPITAL_B));

            List<LedgerEvent.AccessLogged> found = b.accessLogsIn(logged.transaction().transactionHash());
            assertEquals(1, found.size(), found.toString());
            LedgerEvent.AccessLogged access = found.get(0);
            assertEquals(logged.id(), access.logId());
            assertEquals(anchor.recordId(), access.recordId());
            assertEquals(fixture.address(HOSPITAL_B), access.accessor());
            assertEquals(fixture.address(PROXY), access.proxy());
            assertEquals(new AccessBasis(AccessBasis.Kind.GRANT, grant.id()), access.basis());
            assertEquals(logged.transaction().transactionHash(), access.position().transactionHash());

            assertEquals(List.of(), b.accessLogsIn(grant.transaction().transactionHash()),
                    "a consent transaction logs no access");
            assertEquals(List.of(), b.accessLogsIn(anchored.transactionHash()), "nor does an anchor");
            assertEquals(List.of(), b.accessLogsIn(random32()), "a transaction the chain does not know");
        }
    }

    @Test
    void expiredGrantsAreReportedAsExpired() throws LedgerException {
        Bytes32 patient = random32();
        RecordAnchor anchor = anchorOf(patient);
        try (LedgerConnection a = connect(hospitalA); LedgerConnection p = connect(proxy)) {
            a.anchorRecord(anchor);
            a.grant(AccessScope.record(patient, anchor.recordId()), fixture.address(HOSPITAL_B), "referral",
                    chainNow().plus(Duration.ofHours(1)));
            anvil.advanceTime(Duration.ofHours(2));
            GrantExpiredException expired = assertThrows(GrantExpiredException.class,
                    () -> p.checkAccess(anchor.recordId(), fixture.address(HOSPITAL_B)));
            assertEquals("GrantExpired", expired.errorName());
        }
    }

    @Test
    void accessRequestsAreApprovedOrDeniedByTheCustodian() throws LedgerException {
        Bytes32 patient = random32();
        RecordAnchor anchor = anchorOf(patient);
        try (LedgerConnection a = connect(hospitalA); LedgerConnection b = connect(hospitalB)) {
            a.anchorRecord(anchor);
            Issued request = b.requestAccess(AccessScope.allRecords(patient), fixture.address(HOSPITAL_A),
                    "second-opinion");
            assertEquals(AccessRequest.Status.PENDING, a.findAccessRequest(request.id()).orElseThrow().status());
            assertThrows(NotAuthorizedException.class, () -> b.approveRequest(request.id(),
                    chainNow().plus(Duration.ofDays(1))));
            Issued grant = a.approveRequest(request.id(), chainNow().plus(Duration.ofDays(1)));
            AccessRequest approved = a.findAccessRequest(request.id()).orElseThrow();
            assertEquals(AccessRequest.Status.APPROVED, approved.status());
            assertEquals(grant.id(), approved.grantId().getAsLong());
            assertTrue(b.hasAccess(anchor.recordId(), fixture.address(HOSPITAL_B)));

            Issued second = b.requestAccess(AccessScope.allRecords(patient), fixture.address(HOSPITAL_A), "audit");
            a.denyRequest(second.id());
            assertEquals(AccessRequest.Status.DENIED, a.findAccessRequest(second.id()).orElseThrow().status());
        }
    }

    @Test
    void emergencyAccessCarriesItsReasonCodeIsTimeLimitedAndIsReviewedByAnotherCustodian() throws LedgerException {
        Bytes32 patient = random32();
        RecordAnchor anchor = anchorOf(patient);
        try (LedgerConnection a = connect(hospitalA); LedgerConnection b = connect(hospitalB);
                LedgerConnection p = connect(proxy)) {
            a.anchorRecord(anchor);
            Issued emergency = b.declareEmergencyAccess(patient, EmergencyReason.CUSTODIAN_UNREACHABLE);
            EmergencyAccess declared = a.findEmergencyAccess(emergency.id()).orElseThrow();
            assertEquals(EmergencyReason.CUSTODIAN_UNREACHABLE, declared.reason());
            assertEquals(patient, declared.patientPseudonym());
            assertEquals(fixture.address(HOSPITAL_B), declared.requester());
            assertTrue(declared.isFlaggedForReview());
            assertTrue(declared.isActiveAt(chainNow()));
            assertEquals(new AccessBasis(AccessBasis.Kind.EMERGENCY, emergency.id()),
                    p.checkAccess(anchor.recordId(), fixture.address(HOSPITAL_B)));

            StateConflictException renewal = assertThrows(StateConflictException.class,
                    () -> b.declareEmergencyAccess(patient, EmergencyReason.UNCONSCIOUS_PATIENT));
            assertEquals("EmergencyAccessActive", renewal.errorName());
            NotAuthorizedException ownReview = assertThrows(NotAuthorizedException.class,
                    () -> b.markEmergencyReviewed(emergency.id()));
            assertEquals("DeclarerCannotReview", ownReview.errorName());
            a.markEmergencyReviewed(emergency.id());
            EmergencyAccess reviewed = a.findEmergencyAccess(emergency.id()).orElseThrow();
            assertFalse(reviewed.isFlaggedForReview());
            assertEquals(Optional.of(fixture.address(HOSPITAL_A)), reviewed.reviewedBy());

            anvil.advanceTime(Duration.ofHours(25));
            GrantExpiredException expired = assertThrows(GrantExpiredException.class,
                    () -> p.checkAccess(anchor.recordId(), fixture.address(HOSPITAL_B)));
            assertEquals("EmergencyAccessExpired", expired.errorName());
            Issued again = b.declareEmergencyAccess(patient, EmergencyReason.LIFE_THREATENING_CONDITION);
            assertEquals(EmergencyReason.LIFE_THREATENING_CONDITION,
                    a.findEmergencyAccess(again.id()).orElseThrow().reason());
            assertEquals(new AccessBasis(AccessBasis.Kind.EMERGENCY, again.id()),
                    p.checkAccess(anchor.recordId(), fixture.address(HOSPITAL_B)));
        }
    }

    @Test
    void theEmergencyAccessDeclaredEventCarriesTheReason() throws Exception {
        Bytes32 patient = random32();
        try (LedgerConnection a = connect(hospitalA); LedgerConnection b = connect(hospitalB)) {
            a.anchorRecord(anchorOf(patient));
            Issued emergency = b.declareEmergencyAccess(patient, EmergencyReason.PUBLIC_HEALTH_EMERGENCY);
            TransactionReceipt receipt = fixture.contracts().chain().web3j()
                    .ethGetTransactionReceipt(emergency.transaction().transactionHash().toString()).send()
                    .getTransactionReceipt().orElseThrow();
            LedgerEvent.EmergencyAccessDeclared event = (LedgerEvent.EmergencyAccessDeclared) new EventDecoder()
                    .decode(receipt.getLogs().get(0)).orElseThrow();
            assertEquals(emergency.id(), event.emergencyId());
            assertEquals(patient, event.patientPseudonym());
            assertEquals(fixture.address(HOSPITAL_B), event.requester());
            assertEquals(EmergencyReason.PUBLIC_HEALTH_EMERGENCY, event.reason());
        }
    }

    @Test
    void eachMemberAnchorsItsAuditTrailHeadWithIncreasingSequences() throws Exception {
        try (LedgerConnection p = connect(proxy); LedgerConnection a = connect(hospitalA);
                LedgerConnection stranger = connect(outsider)) {
            LedgerAddress proxyAccount = fixture.address(PROXY);
            long before = a.auditHeadCount(proxyAccount);
            long sequence = 1000 + before;
            AuditHead head = new AuditHead(sequence, random32());
            TransactionResult result = p.anchorAuditHead(head);

            assertEquals(before + 1, a.auditHeadCount(proxyAccount));
            AnchoredAuditHead anchored = a.findAuditHead(proxyAccount, before).orElseThrow();
            assertEquals(head, anchored.head());
            assertEquals(result.blockNumber(), anchored.blockNumber());
            assertEquals(Optional.empty(), a.findAuditHead(proxyAccount, before + 1));

            StateConflictException again = assertThrows(StateConflictException.class,
                    () -> p.anchorAuditHead(new AuditHead(sequence, random32())));
            assertEquals("AuditSequenceNotIncreasing", again.errorName());
            NotAuthorizedException notMember = assertThrows(NotAuthorizedException.class,
                    () -> stranger.anchorAuditHead(new AuditHead(1, random32())));
            assertEquals("NotMember", notMember.errorName());
            assertEquals(head, a.findAuditHead(proxyAccount, before).orElseThrow().head(), "unchanged");

            TransactionReceipt receipt = fixture.contracts().chain().web3j()
                    .ethGetTransactionReceipt(result.transactionHash().toString()).send()
                    .getTransactionReceipt().orElseThrow();
            LedgerEvent.AuditHeadAnchored event = (LedgerEvent.AuditHeadAnchored) new EventDecoder()
                    .decode(receipt.getLogs().get(0)).orElseThrow();
            assertEquals(proxyAccount, event.member());
            assertEquals(head, event.head());
        }
    }

    @Test
    void theApisClosedListsAreTheContractsLists() throws Exception {
        ConsentRegistry consent = fixture.contracts().consent(ADMIN);
        assertEquals(EmergencyReason.UNCONSCIOUS_PATIENT.code(),
                consent.REASON_UNCONSCIOUS_PATIENT().send().intValueExact());
        assertEquals(EmergencyReason.LIFE_THREATENING_CONDITION.code(),
                consent.REASON_LIFE_THREATENING_CONDITION().send().intValueExact());
        assertEquals(EmergencyReason.CUSTODIAN_UNREACHABLE.code(),
                consent.REASON_CUSTODIAN_UNREACHABLE().send().intValueExact());
        assertEquals(EmergencyReason.PUBLIC_HEALTH_EMERGENCY.code(),
                consent.REASON_PUBLIC_HEALTH_EMERGENCY().send().intValueExact());
        assertEquals(4, EmergencyReason.values().length);

        Bytes32 patient = random32();
        try (LedgerConnection a = connect(hospitalA)) {
            for (Category category : Category.all()) {
                RecordAnchor anchor = RecordAnchor.original(random32(), patient, random32(), category,
                        "application/pdf");
                a.anchorRecord(anchor);
                assertEquals(category, a.findRecord(anchor.recordId()).orElseThrow().anchor().category());
            }
            assertEquals(Category.CODES.size(), a.recordsOfPatient(patient).size());
        }
    }

    @Test
    void aMediaTypeWithParametersIsRefusedBeforeAnythingIsSent() throws Exception {
        String account = fixture.address(HOSPITAL_A).toString();
        BigInteger sent = transactionCount(account);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> RecordAnchor.original(random32(), random32(), random32(), LAB,
                        "application/pdf; name=\"Roe_HIV.pdf\""));
        assertTrue(refused.getMessage().contains("bare media type"), refused.getMessage());
        assertFalse(refused.getMessage().contains("Roe"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RecordAnchor.original(random32(), random32(), random32(),
                LAB, "text/plain; charset=utf-8"));
        assertEquals(sent, transactionCount(account));
    }

    @Test
    void theConnectionSignsWithTheNodesAccountAndBothTheApiAndAConnectionRecoverIt() throws Exception {
        byte[] message = "POST /custodia/node-api/v1/records/1/re-encryption".getBytes(StandardCharsets.US_ASCII);
        try (LedgerConnection a = connect(hospitalA); LedgerConnection b = connect(hospitalB)) {
            byte[] signature = a.sign(message);
            assertEquals(LedgerSignatures.SIGNATURE_LENGTH, signature.length);
            assertEquals(a.account(), LedgerSignatures.recoverSigner(message, signature));
            assertEquals(fixture.address(HOSPITAL_A), LedgerSignatures.recoverSigner(message, signature));

            byte[] tampered = message.clone();
            tampered[0] = 'G';
            LedgerAddress recovered = LedgerSignatures.recoverSigner(tampered, signature);
            assertNotEquals(fixture.address(HOSPITAL_A), recovered);
            assertFalse(LedgerSignatures.isSignedBy(tampered, signature, fixture.address(HOSPITAL_A)));

            byte[] fromB = b.sign(message);
            assertTrue(LedgerSignatures.isSignedBy(message, fromB, fixture.address(HOSPITAL_B)));
            assertFalse(LedgerSignatures.isSignedBy(message, fromB, fixture.address(HOSPITAL_A)));

            assertEquals(fixture.address(HOSPITAL_B), a.recoverSigner(message, fromB), "any connection recovers");
            assertEquals(recovered, b.recoverSigner(tampered, signature));
            assertThrows(InvalidSignatureException.class, () -> a.recoverSigner(message, new byte[64]));
        }
    }

    @Test
    void aMemberPublishesItsOwnPrePublicKeyAndEndpoint() throws LedgerException {
        byte[] key = new byte[146];
        RANDOM.nextBytes(key);
        URI endpoint = URI.create("https://hospital-b.custodia.test/custodia/node-api/v1");
        try (LedgerConnection b = connect(hospitalB); LedgerConnection stranger = connect(outsider)) {
            Member before = b.findMember(fixture.address(HOSPITAL_B)).orElseThrow();
            b.updateOwnProfile(endpoint, key);
            Member after = b.findMember(fixture.address(HOSPITAL_B)).orElseThrow();
            assertArrayEquals(key, after.prePublicKey());
            assertEquals(endpoint, after.endpoint());
            assertEquals(before.displayName(), after.displayName());
            assertEquals(before.role(), after.role());

            NotAuthorizedException notMember = assertThrows(NotAuthorizedException.class,
                    () -> stranger.updateOwnProfile(endpoint, key));
            assertEquals("NotMember", notMember.errorName());
            assertThrows(IllegalArgumentException.class,
                    () -> b.updateOwnProfile(endpoint, new byte[Member.MAX_PRE_PUBLIC_KEY + 1]));
        }
    }

    private static BigInteger transactionCount(String account) throws Exception {
        return fixture.contracts().chain().web3j()
                .ethGetTransactionCount(account, DefaultBlockParameterName.PENDING).send().getTransactionCount();
    }

    @Test
    void contractInputChecksComeBackAsInvalidInput() throws LedgerException {
        Bytes32 patient = random32();
        RecordAnchor anchor = anchorOf(patient);
        try (LedgerConnection a = connect(hospitalA)) {
            a.anchorRecord(anchor);
            InvalidLedgerInputException missing = assertThrows(InvalidLedgerInputException.class,
                    () -> a.grant(AccessScope.allRecords(patient), fixture.address(HOSPITAL_B), "",
                            chainNow().plus(Duration.ofDays(1))));
            assertTrue(missing.getMessage().contains("purpose"), missing.getMessage());
            assertThrows(InvalidLedgerInputException.class, () -> a.grant(AccessScope.allRecords(patient),
                    fixture.address(HOSPITAL_B), "treatment", chainNow().minus(Duration.ofDays(1))));
        }
    }

    @Test
    void aClosedConnectionRefusesUse() throws LedgerException {
        LedgerConnectionFactory factory = ConnectorFixture.connectionFactory(hospitalA);
        LedgerConnection connection = factory.getConnection();
        connection.close();
        IllegalStateException closed = assertThrows(IllegalStateException.class, connection::chainStatus);
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
    }

    /** Access checks shared by several tests. */
    private static final class LedgerAddressCheck {
        static void assertNoAccess(LedgerConnection connection, Bytes32 record,
                org.custodia.ledger.api.LedgerAddress member) throws LedgerException {
            assertFalse(connection.hasAccess(record, member));
            assertThrows(NotAuthorizedException.class, () -> connection.checkAccess(record, member));
        }
    }
}
