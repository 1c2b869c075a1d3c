package org.custodia.ledger.contracts;

import static org.custodia.ledger.contracts.Ids.ZERO;
import static org.custodia.ledger.contracts.Ids.category;
import static org.custodia.ledger.contracts.Ids.id;
import static org.custodia.ledger.testing.TestAccount.customError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.custodia.ledger.contracts.generated.RecordRegistry;
import org.custodia.ledger.contracts.generated.RecordRegistry.AuditHead;
import org.custodia.ledger.contracts.generated.RecordRegistry.NewAnchor;
import org.custodia.ledger.contracts.generated.RecordRegistry.Record;
import org.custodia.ledger.deploy.MemberRole;
import org.custodia.ledger.testing.AnvilExtension;
import org.custodia.ledger.testing.AnvilNode;
import org.custodia.ledger.testing.DeployedContracts;
import org.custodia.ledger.testing.TestAccount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

class RecordRegistryTest {

    private static final byte[] PATIENT = id("patient-1");
    private static final byte[] OTHER_PATIENT = id("patient-2");
    private static final byte[] LAB = category("laboratory");
    private static final String PDF = "application/pdf";

    @RegisterExtension
    static final AnvilExtension anvil = new AnvilExtension();
    private DeployedContracts contracts;
    private TestAccount admin;
    private TestAccount hospital;
    private TestAccount otherHospital;
    private TestAccount proxy;
    private TestAccount stranger;

    @BeforeEach
    void deploy() {
        AnvilNode node = anvil.node();
        contracts = DeployedContracts.deploy(node, List.of(DeployedContracts.memberSpec(node, 1, MemberRole.HOSPITAL),
                DeployedContracts.memberSpec(node, 2, MemberRole.HOSPITAL),
                DeployedContracts.memberSpec(node, 3, MemberRole.PROXY)));
        admin = new TestAccount(contracts, 0);
        hospital = new TestAccount(contracts, 1);
        otherHospital = new TestAccount(contracts, 2);
        proxy = new TestAccount(contracts, 3);
        stranger = new TestAccount(contracts, 4);
    }

    @AfterEach
    void disconnect() {
        contracts.close();
    }

    @Test
    void anchorRecordsTheCustodianAndAnnouncesIt() throws Exception {
        TransactionReceipt receipt =
                hospital.records().anchor(id("r1"), PATIENT, id("envelope-1"), LAB, PDF, ZERO).send();

        Record record = stranger.records().getRecord(id("r1")).send();
        assertArrayEquals(PATIENT, record.patientPseudonym);
        assertEquals(hospital.address(), record.custodian);
        assertArrayEquals(id("envelope-1"), record.envelopeHash);
        assertArrayEquals(LAB, record.category);
        assertEquals(PDF, record.contentType);
        assertArrayEquals(ZERO, record.supersedes);
        assertTrue(record.anchoredAt.signum() > 0);
        assertTrue(stranger.records().isAnchored(id("r1")).send());
        assertTrue(stranger.records().isCustodianOfPatient(PATIENT, hospital.address()).send());
        assertFalse(stranger.records().isCustodianOfPatient(PATIENT, otherHospital.address()).send());

        RecordRegistry.RecordAnchoredEventResponse event = RecordRegistry.getRecordAnchoredEvents(receipt).get(0);
        assertArrayEquals(id("r1"), event.recordId);
        assertArrayEquals(PATIENT, event.patientPseudonym);
        assertEquals(hospital.address(), event.custodian);
        assertArrayEquals(id("envelope-1"), event.envelopeHash);
        assertArrayEquals(LAB, event.category);
        assertEquals(PDF, event.contentType);
        assertArrayEquals(ZERO, event.supersedes);
    }

    @Test
    void recordsOfPatientListsEveryCustodiansRecordsOldestFirst() throws Exception {
        hospital.records().anchor(id("r1"), PATIENT, id("e1"), LAB, PDF, ZERO).send();
        otherHospital.records().anchor(id("r2"), PATIENT, id("e2"), LAB, PDF, ZERO).send();
        hospital.records().anchor(id("r3"), OTHER_PATIENT, id("e3"), LAB, PDF, ZERO).send();

        List<?> records = stranger.records().recordsOfPatient(PATIENT).send();
        assertEquals(2, records.size());
        assertArrayEquals(id("r1"), (byte[]) records.get(0));
        assertArrayEquals(id("r2"), (byte[]) records.get(1));
        assertTrue(stranger.records().recordsOfPatient(id("nobody")).send().isEmpty());
        assertTrue(stranger.records().isCustodianOfPatient(PATIENT, otherHospital.address()).send());
    }

    @Test
    void aPatientsRecordsAreCountedAndReadAPartAtATime() throws Exception {
        List<NewAnchor> anchors = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            anchors.add(new NewAnchor(id("r" + i), PATIENT, id("e" + i), LAB, PDF, ZERO));
        }
        hospital.records().anchorBatch(anchors).send();
        otherHospital.records().anchor(id("r5"), PATIENT, id("e5"), LAB, PDF, ZERO).send();

        RecordRegistry records = stranger.records();
        assertEquals(BigInteger.valueOf(6), records.recordCountOfPatient(PATIENT).send());
        assertEquals(BigInteger.ZERO, records.recordCountOfPatient(id("nobody")).send());
        assertEquals(List.of("r2", "r3", "r4"), names(records.recordsOfPatientFrom(PATIENT, BigInteger.TWO,
                BigInteger.valueOf(3)).send(), 6));
        assertEquals(List.of("r4", "r5"), names(records.recordsOfPatientFrom(PATIENT, BigInteger.valueOf(4),
                BigInteger.TEN).send(), 6), "fewer at the end of the list");
        assertEquals(List.of("r0", "r1", "r2", "r3", "r4", "r5"), names(records.recordsOfPatientFrom(PATIENT,
                BigInteger.ZERO, BigInteger.TWO.pow(256).subtract(BigInteger.ONE)).send(), 6),
                "a count of 2^256 - 1 reads to the end without overflowing");
        assertTrue(records.recordsOfPatientFrom(PATIENT, BigInteger.valueOf(6), BigInteger.ONE).send().isEmpty());
        assertTrue(records.recordsOfPatientFrom(PATIENT, BigInteger.TWO.pow(256).subtract(BigInteger.ONE),
                BigInteger.TEN).send().isEmpty(), "the last place there is");
        assertTrue(records.recordsOfPatientFrom(PATIENT, BigInteger.ONE, BigInteger.ZERO).send().isEmpty());
        assertTrue(records.recordsOfPatientFrom(id("nobody"), BigInteger.ZERO, BigInteger.TEN).send().isEmpty());
    }

    /** The names of ids made with {@code id("r" + n)} for n below {@code upTo}, in the order given; "?" for others. */
    private static List<String> names(List<?> ids, int upTo) {
        List<String> names = new ArrayList<>();
        for (Object found : ids) {
            String name = "?";
            for (int n = 0; n < upTo; n++) {
                if (Arrays.equals(id("r" + n), (byte[]) found)) {
                    name = "r" + n;
                }
            }
            names.add(name);
        }
        return names;
    }

    @Test
    void onlyHospitalsAnchor() throws Exception {
        stranger.recordsRefuse(customError("NotMember", new Address(stranger.address())),
                r -> r.anchor(id("r1"), PATIENT, id("e1"), LAB, PDF, ZERO));
        proxy.recordsRefuse(customError("NotHospital", new Address(proxy.address())),
                r -> r.anchor(id("r1"), PATIENT, id("e1"), LAB, PDF, ZERO));
        admin.consortium().removeMember(hospital.address()).send();
        hospital.recordsRefuse(customError("NotMember", new Address(hospital.address())),
                r -> r.anchor(id("r1"), PATIENT, id("e1"), LAB, PDF, ZERO));

        assertFalse(admin.records().isAnchored(id("r1")).send());
    }

    @Test
    void aBatchAnchorsEachRecordAsAnchorDoesInOneTransaction() throws Exception {
        TransactionReceipt receipt = hospital.records().anchorBatch(List.of(
                new NewAnchor(id("r1"), PATIENT, id("e1"), LAB, PDF, ZERO),
                new NewAnchor(id("r2"), OTHER_PATIENT, id("e2"), LAB, "text/plain", ZERO),
                new NewAnchor(id("r3"), PATIENT, id("e3"), LAB, PDF, id("r1")))).send();

        List<RecordRegistry.RecordAnchoredEventResponse> events = RecordRegistry.getRecordAnchoredEvents(receipt);
        assertEquals(3, events.size());
        assertArrayEquals(id("r1"), events.get(0).recordId);
        assertArrayEquals(id("r2"), events.get(1).recordId);
        assertArrayEquals(id("r3"), events.get(2).recordId);
        assertArrayEquals(id("r1"), events.get(2).supersedes);
        Record second = stranger.records().getRecord(id("r2")).send();
        assertArrayEquals(OTHER_PATIENT, second.patientPseudonym);
        assertEquals(hospital.address(), second.custodian);
        assertArrayEquals(id("e2"), second.envelopeHash);
        assertEquals("text/plain", second.contentType);
        assertArrayEquals(id("r3"), stranger.records().supersededBy(id("r1")).send());
        assertEquals(2, stranger.records().recordsOfPatient(PATIENT).send().size());
    }

    @Test
    void aBatchWithOneRefusedAnchorAnchorsNothing() throws Exception {
        hospital.records().anchor(id("r2"), PATIENT, id("e2"), LAB, PDF, ZERO).send();

        hospital.recordsRefuse(customError("AlreadyAnchored", new Bytes32(id("r2"))),
                r -> r.anchorBatch(List.of(new NewAnchor(id("r1"), PATIENT, id("e1"), LAB, PDF, ZERO),
                        new NewAnchor(id("r2"), PATIENT, id("e9"), LAB, PDF, ZERO))));
        hospital.recordsRefuse(customError("InvalidCategory", new Bytes32(category("astrology"))),
                r -> r.anchorBatch(List.of(new NewAnchor(id("r1"), PATIENT, id("e1"), LAB, PDF, ZERO),
                        new NewAnchor(id("r3"), PATIENT, id("e3"), category("astrology"), PDF, ZERO))));

        assertFalse(admin.records().isAnchored(id("r1")).send());
        assertFalse(admin.records().isAnchored(id("r3")).send());
        assertEquals(1, admin.records().recordsOfPatient(PATIENT).send().size());
    }

    @Test
    void aBatchIsRefusedWhenEmptyTooLargeOrNotFromAHospital() throws Exception {
        int largest = admin.records().MAX_BATCH().send().intValueExact();
        List<NewAnchor> tooMany = new java.util.ArrayList<>();
        for (int i = 0; i <= largest; i++) {
            tooMany.add(new NewAnchor(id("r" + i), PATIENT, id("e" + i), LAB, PDF, ZERO));
        }
        hospital.recordsRefuse(customError("BatchTooLarge", new Uint256(largest + 1), new Uint256(largest)),
                r -> r.anchorBatch(tooMany));
        hospital.recordsRefuse(customError("MissingField", new Utf8String("batch")), r -> r.anchorBatch(List.of()));
        proxy.recordsRefuse(customError("NotHospital", new Address(proxy.address())),
                r -> r.anchorBatch(tooMany.subList(0, 1)));

        hospital.records().anchorBatch(tooMany.subList(0, largest)).send();
        assertEquals(largest, admin.records().recordsOfPatient(PATIENT).send().size());
    }

    @Test
    void anAnchorIsImmutable() throws Exception {
        hospital.records().anchor(id("r1"), PATIENT, id("e1"), LAB, PDF, ZERO).send();

        hospital.recordsRefuse(customError("AlreadyAnchored", new Bytes32(id("r1"))),
                r -> r.anchor(id("r1"), PATIENT, id("tampered"), LAB, PDF, ZERO));
        otherHospital.recordsRefuse(customError("AlreadyAnchored", new Bytes32(id("r1"))),
                r -> r.anchor(id("r1"), OTHER_PATIENT, id("e9"), LAB, PDF, ZERO));

        Record record = admin.records().getRecord(id("r1")).send();
        assertArrayEquals(id("e1"), record.envelopeHash);
        assertEquals(hospital.address(), record.custodian);
    }

    @Test
    void anchorRefusesMissingFields() throws Exception {
        hospital.recordsRefuse(customError("MissingField", new Utf8String("recordId")),
                r -> r.anchor(ZERO, PATIENT, id("e1"), LAB, PDF, ZERO));
        hospital.recordsRefuse(customError("MissingField", new Utf8String("patientPseudonym")),
                r -> r.anchor(id("r1"), ZERO, id("e1"), LAB, PDF, ZERO));
        hospital.recordsRefuse(customError("MissingField", new Utf8String("envelopeHash")),
                r -> r.anchor(id("r1"), PATIENT, ZERO, LAB, PDF, ZERO));
        hospital.recordsRefuse(customError("MissingField", new Utf8String("category")),
                r -> r.anchor(id("r1"), PATIENT, id("e1"), ZERO, PDF, ZERO));
        hospital.recordsRefuse(customError("MissingField", new Utf8String("contentType")),
                r -> r.anchor(id("r1"), PATIENT, id("e1"), LAB, "", ZERO));
        hospital.recordsRefuse(customError("FieldTooLong", new Utf8String("contentType"), new Uint256(128)),
                r -> r.anchor(id("r1"), PATIENT, id("e1"), LAB, "t".repeat(129), ZERO));

        assertTrue(admin.records().recordsOfPatient(PATIENT).send().isEmpty());
    }

    @Test
    void anchorAcceptsOnlyCategoriesFromTheList() throws Exception {
        for (String code : List.of("laboratory", "imaging", "pathology", "discharge", "clinical-note", "referral",
                "medication", "immunization", "allergy", "procedure", "patient-summary", "other")) {
            hospital.records().anchor(id("r-" + code), PATIENT, id("e-" + code), category(code), PDF, ZERO).send();
            assertArrayEquals(category(code), admin.records().getRecord(id("r-" + code)).send().category);
        }

        for (String code : List.of("lab-result", "Laboratory", "hiv-test", "laboratory ")) {
            hospital.recordsRefuse(customError("InvalidCategory", new Bytes32(category(code))),
                    r -> r.anchor(id("r9"), PATIENT, id("e9"), category(code), PDF, ZERO));
        }
        assertFalse(admin.records().isAnchored(id("r9")).send());
    }

    @Test
    void anchorAcceptsBareMediaTypes() throws Exception {
        List<String> bare = List.of("application/pdf", "application/fhir+json", "application/vnd.ms-excel",
                "image/svg+xml", "text/plain", "application/x-www-form-urlencoded", "model/x3d+fastinfoset",
                "a/b", "application/vnd.a!#$&^_.+-z");
        for (int i = 0; i < bare.size(); i++) {
            hospital.records().anchor(id("bare-" + i), PATIENT, id("e-" + i), LAB, bare.get(i), ZERO).send();
            assertEquals(bare.get(i), admin.records().getRecord(id("bare-" + i)).send().contentType);
        }
    }

    @Test
    void anchorRefusesContentTypesThatAreNotBareMediaTypesAndNamesTheOffendingPosition() throws Exception {
        refusesContentType("application/pdf; name=\"Roe_HIV.pdf\"", 15);
        refusesContentType("text/plain;charset=utf-8", 10);
        refusesContentType("Application/pdf", 0);
        refusesContentType("text/HTML", 5);
        refusesContentType("application/ pdf", 12);
        refusesContentType("text/plain ", 10);
        refusesContentType(" text/plain", 0);
        refusesContentType("text/plain/x", 10);
        refusesContentType("text//plain", 5);
        refusesContentType("/pdf", 0);
        refusesContentType("application", 11);
        refusesContentType("application/", 12);
        refusesContentType("-text/plain", 0);
        refusesContentType("text/.plain", 5);
        refusesContentType("text/pl\u00e4in", 7);

        assertTrue(admin.records().recordsOfPatient(PATIENT).send().isEmpty());
    }

    private void refusesContentType(String contentType, int position) {
        hospital.recordsRefuse(customError("NotBareMediaType", new Uint256(position)),
                r -> r.anchor(id("r1"), PATIENT, id("e1"), LAB, contentType, ZERO));
    }

    @Test
    void getRecordOfAnUnknownIdIsRefused() {
        stranger.recordsViewRefuses(customError("UnknownRecord", new Bytes32(id("missing"))),
                r -> r.getRecord(id("missing")));
    }

    @Test
    void aCorrectionSupersedesTheOriginalOnce() throws Exception {
        hospital.records().anchor(id("r1"), PATIENT, id("e1"), LAB, PDF, ZERO).send();
        TransactionReceipt receipt = hospital.records().anchor(id("r2"), PATIENT, id("e2"), LAB, PDF, id("r1")).send();

        assertArrayEquals(id("r2"), admin.records().supersededBy(id("r1")).send());
        assertArrayEquals(ZERO, admin.records().supersededBy(id("r2")).send());
        assertArrayEquals(id("r1"), admin.records().getRecord(id("r2")).send().supersedes);
        assertArrayEquals(id("r1"), RecordRegistry.getRecordAnchoredEvents(receipt).get(0).supersedes);
        assertArrayEquals(id("e1"), admin.records().getRecord(id("r1")).send().envelopeHash);

        hospital.recordsRefuse(customError("AlreadySuperseded", new Bytes32(id("r1")), new Bytes32(id("r2"))),
                r -> r.anchor(id("r3"), PATIENT, id("e3"), LAB, PDF, id("r1")));
        assertFalse(admin.records().isAnchored(id("r3")).send());
    }

    @Test
    void aCorrectionMustNameAKnownRecordOfTheSameCustodianAndPatient() throws Exception {
        hospital.records().anchor(id("r1"), PATIENT, id("e1"), LAB, PDF, ZERO).send();

        hospital.recordsRefuse(customError("UnknownRecord", new Bytes32(id("missing"))),
                r -> r.anchor(id("r2"), PATIENT, id("e2"), LAB, PDF, id("missing")));
        otherHospital.recordsRefuse(customError("NotCustodian", new Bytes32(id("r1")),
                        new Address(otherHospital.address())),
                r -> r.anchor(id("r2"), PATIENT, id("e2"), LAB, PDF, id("r1")));
        hospital.recordsRefuse(customError("PatientMismatch", new Bytes32(id("r1")), new Bytes32(OTHER_PATIENT)),
                r -> r.anchor(id("r2"), OTHER_PATIENT, id("e2"), LAB, PDF, id("r1")));

        assertArrayEquals(ZERO, admin.records().supersededBy(id("r1")).send());
        assertFalse(admin.records().isAnchored(id("r2")).send());
    }

    // Audit heads: each member anchors its own audit trail's head, sequences only increasing.

    @Test
    void aMemberAnchorsItsHeadWhichAnyoneReadsBackWithItsBlock() throws Exception {
        TransactionReceipt receipt = hospital.records().anchorAuditHead(BigInteger.valueOf(42), id("head-42")).send();

        assertEquals(BigInteger.ONE, stranger.records().auditHeadCount(hospital.address()).send());
        AuditHead head = stranger.records().getAuditHead(hospital.address(), BigInteger.ZERO).send();
        assertEquals(BigInteger.valueOf(42), head.sequence);
        assertArrayEquals(id("head-42"), head.entryHash);
        assertEquals(receipt.getBlockNumber(), head.blockNumber);
        assertTrue(head.anchoredAt.signum() > 0);
        assertEquals(BigInteger.ZERO, stranger.records().auditHeadCount(otherHospital.address()).send(),
                "heads are kept per member");
    }

    @Test
    void theAnchorIsAnnouncedWithTheMemberSequenceAndHash() throws Exception {
        TransactionReceipt receipt = proxy.records().anchorAuditHead(BigInteger.valueOf(7), id("head-7")).send();

        RecordRegistry.AuditHeadAnchoredEventResponse event =
                RecordRegistry.getAuditHeadAnchoredEvents(receipt).get(0);
        assertEquals(proxy.address(), event.member);
        assertEquals(BigInteger.valueOf(7), event.sequence);
        assertArrayEquals(id("head-7"), event.entryHash);
    }

    @Test
    void hospitalsAndProxiesAnchorButNonMembersAreRefused() throws Exception {
        hospital.records().anchorAuditHead(BigInteger.ONE, id("h1")).send();
        proxy.records().anchorAuditHead(BigInteger.ONE, id("p1")).send();
        stranger.recordsRefuse(customError("NotMember", new Address(stranger.address())),
                r -> r.anchorAuditHead(BigInteger.ONE, id("s1")));
        admin.recordsRefuse(customError("NotMember", new Address(admin.address())),
                r -> r.anchorAuditHead(BigInteger.ONE, id("a1")));

        admin.consortium().removeMember(hospital.address()).send();
        hospital.recordsRefuse(customError("NotMember", new Address(hospital.address())),
                r -> r.anchorAuditHead(BigInteger.TWO, id("h2")));
        assertEquals(BigInteger.ONE, stranger.records().auditHeadCount(hospital.address()).send(),
                "a former member's anchored heads stay readable");
        assertEquals(BigInteger.ZERO, stranger.records().auditHeadCount(stranger.address()).send());
    }

    @Test
    void sequencesOfOneMemberMustIncrease() throws Exception {
        hospital.records().anchorAuditHead(BigInteger.valueOf(10), id("h10")).send();

        hospital.recordsRefuse(customError("AuditSequenceNotIncreasing", new Uint64(10), new Uint64(10)),
                r -> r.anchorAuditHead(BigInteger.valueOf(10), id("rewritten")));
        hospital.recordsRefuse(customError("AuditSequenceNotIncreasing", new Uint64(9), new Uint64(10)),
                r -> r.anchorAuditHead(BigInteger.valueOf(9), id("h9")));
        otherHospital.records().anchorAuditHead(BigInteger.valueOf(3), id("o3")).send();
        hospital.records().anchorAuditHead(BigInteger.valueOf(11), id("h11")).send();

        assertEquals(BigInteger.TWO, admin.records().auditHeadCount(hospital.address()).send());
        assertArrayEquals(id("h10"), admin.records().getAuditHead(hospital.address(), BigInteger.ZERO).send().entryHash,
                "the refused rewrite changed nothing");
        assertEquals(BigInteger.valueOf(11),
                admin.records().getAuditHead(hospital.address(), BigInteger.ONE).send().sequence);
        // above 2^63 - 1 no client could read the event that announced it: refused, so no member can stop the others'
        // event delivery with it
        BigInteger tooLarge = BigInteger.ONE.shiftLeft(63);
        hospital.recordsRefuse(customError("AuditSequenceTooLarge", new Uint64(tooLarge),
                new Uint64(BigInteger.valueOf(Long.MAX_VALUE))), r -> r.anchorAuditHead(tooLarge, id("h-max")));
        hospital.records().anchorAuditHead(BigInteger.valueOf(Long.MAX_VALUE), id("h-largest")).send();
        assertEquals(BigInteger.valueOf(3), admin.records().auditHeadCount(hospital.address()).send());
    }

    @Test
    void anAnchorNeedsASequenceAndAHash() {
        hospital.recordsRefuse(customError("MissingField", new Utf8String("sequence")),
                r -> r.anchorAuditHead(BigInteger.ZERO, id("h0")));
        hospital.recordsRefuse(customError("MissingField", new Utf8String("entryHash")),
                r -> r.anchorAuditHead(BigInteger.ONE, ZERO));
    }

    @Test
    void readingPastTheNewestHeadIsRefused() throws Exception {
        stranger.recordsViewRefuses(customError("UnknownAuditHead", new Address(hospital.address()), new Uint256(0)),
                r -> r.getAuditHead(hospital.address(), BigInteger.ZERO));
        hospital.records().anchorAuditHead(BigInteger.ONE, id("h1")).send();
        stranger.recordsViewRefuses(customError("UnknownAuditHead", new Address(hospital.address()), new Uint256(1)),
                r -> r.getAuditHead(hospital.address(), BigInteger.ONE));
    }
}
